package io.camelot.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camelot.sdk.Requester;
import io.camelot.sdk.SubmittedWorkOrder;
import io.camelot.sdk.TcsRpcException;
import io.camelot.sdk.VerifiedWorker;
import io.camelot.sdk.WorkOrderBuilder;
import io.camelot.sdk.WorkOrderOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** The text-in, text-out work orders most tests submit, spelled once. */
final class WorkOrders {
    /** A pool's WPs are child JVMs, busy starting while the first work orders wait. */
    static final Duration POOL_WAIT = Duration.ofSeconds(120);

    private WorkOrders() {}

    /** Submits a work order with these text inputs and waits the requester's time for its outcome. */
    static WorkOrderOutcome run(Requester requester, VerifiedWorker worker, String workload, String... inputs) {
        WorkOrderBuilder order = requester.newWorkOrder(worker, workload);
        for (String input : inputs) {
            order.input(input);
        }
        return order.submit().await();
    }

    /** The first output of an {@code echo-result} work order on a pool worker. */
    static String poolEcho(Requester requester, VerifiedWorker worker, String input) {
        return requester
                .newWorkOrder(worker, "echo-result")
                .input(input)
                .submit()
                .await(POOL_WAIT)
                .text(0);
    }

    /**
     * Submits {@code count} {@code echo-result} work orders without waiting, the i-th with input
     * {@code prefix + i}, to the workers in turn.
     */
    static List<SubmittedWorkOrder> submitEchoes(
            Requester requester, String prefix, int count, VerifiedWorker... workers) {
        List<SubmittedWorkOrder> echoes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            echoes.add(requester
                    .newWorkOrder(workers[i % workers.length], "echo-result")
                    .input(prefix + i)
                    .submit());
        }
        return echoes;
    }

    /** Asserts that each of {@link #submitEchoes}'s work orders answers within {@code wait}. */
    static void assertEchoes(List<SubmittedWorkOrder> echoes, String prefix, Duration wait) {
        for (int i = 0; i < echoes.size(); i++) {
            assertThat(echoes.get(i).await(wait).text(0)).isEqualTo("RESULT: " + prefix + i);
        }
    }

    /** Submits {@code count} {@link SlowCounter} work orders to {@code worker} without waiting. */
    static List<SubmittedWorkOrder> submitCounts(Requester requester, VerifiedWorker worker, int count) {
        List<SubmittedWorkOrder> counts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            counts.add(requester
                    .newWorkOrder(worker, SlowCounter.NAME)
                    .input("add")
                    .submit());
        }
        return counts;
    }

    /**
     * Asserts that {@link #submitCounts}'s work orders ran exactly once each: the counts are 1..N,
     * each seen once, whatever order they ran in.
     */
    static void assertCountedOnce(List<SubmittedWorkOrder> counts, Duration wait) {
        List<String> results = new ArrayList<>();
        for (SubmittedWorkOrder order : counts) {
            results.add(order.await(wait).text(0));
        }
        assertThat(results)
                .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, counts.size())
                        .mapToObj(n -> "COUNT: " + n)
                        .toList());
    }

    /** Asserts that {@code call} fails with a {@link TcsRpcException} of {@code code} saying {@code message}. */
    static void assertRpcError(ThrowingCallable call, int code, String message) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        TcsRpcException.class, e -> assertThat(e.code()).isEqualTo(code))
                .hasMessageContaining(message);
    }
}
