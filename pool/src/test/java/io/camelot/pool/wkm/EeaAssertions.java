package io.camelot.pool.wkm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camelot.protocol.EeaException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Assertions on the EEA errors the WKM's pieces answer with. */
final class EeaAssertions {
    private EeaAssertions() {}

    static void assertCode(ThrowingCallable call, int code) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        EeaException.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}
