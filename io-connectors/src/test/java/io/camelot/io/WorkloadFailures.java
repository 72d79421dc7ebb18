package io.camelot.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camelot.workload.WorkloadException;
import io.camelot.workload.WorkloadException.Reason;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** The assertion the connector tests make on a call that must fail. */
final class WorkloadFailures {
    private WorkloadFailures() {}

    /** {@code call} throws a {@link WorkloadException} for {@code reason}; chain checks of its message. */
    static AbstractThrowableAssert<?, WorkloadException> assertFails(ThrowingCallable call, Reason reason) {
        return assertThatThrownBy(call)
                .asInstanceOf(InstanceOfAssertFactories.throwable(WorkloadException.class))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
