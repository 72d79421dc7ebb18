package io.camelot.listener;

import static io.camelot.jsonrpc.JsonRpcAssertions.assertError;
import static org.awaitility.Awaitility.await;

import io.camelot.protocol.model.WorkOrderSubmitParams;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Security review H5: a remote address and a requesterId each hold at most their budget of
 * outstanding request bytes; beyond it submits get BUSY until their work orders complete.
 */
class OutstandingBytesTest extends TcsTest {
    private static final String OVER_BUDGET = "Work order handler is busy: work orders from this address or"
            + " requesterId already hold their share of outstanding request bytes; retry when they complete";
    private static final String REQUESTER = "0a";
    private static final String OTHER_REQUESTER = "0b";

    @Test
    void aRequesterBeyondItsOutstandingBytesIsBusyUntilItsWorkOrderCompletes() {
        start(1 << 30, 1);
        WorkOrderSubmitParams first = tcs.sealEcho(REQUESTER, "first").request();
        WorkOrderSubmitParams second = tcs.sealEcho(REQUESTER, "second").request();
        assertError(tcs.submit(first), 5, COMPUTING);
        assertSubmitRefused(second, 8, OVER_BUDGET);
        // Another requester from the same address has its own budget.
        assertError(tcs.submit(tcs.sealEcho(OTHER_REQUESTER, "other").request()), 5, COMPUTING);

        admittedOnceTheWorkerRuns(first, second);
    }

    @Test
    void anAddressBeyondItsOutstandingBytesIsBusyWhateverRequesterIdItNames() {
        start(1, 1 << 30);
        WorkOrderSubmitParams first = tcs.sealEcho(REQUESTER, "first").request();
        WorkOrderSubmitParams second = tcs.sealEcho(OTHER_REQUESTER, "second").request();
        assertError(tcs.submit(first), 5, COMPUTING);
        assertSubmitRefused(second, 8, OVER_BUDGET);

        admittedOnceTheWorkerRuns(first, second);
    }

    private void start(long perAddress, long perRequester) {
        ListenerConfig config = TestTcs.config(false, false);
        tcs = TestTcs.start(
                directory,
                config.withSecurity(config.security().withOutstandingBytes(perAddress, perRequester)),
                100,
                false);
    }

    /** Once {@code held}'s work order completes, its bytes are free again and {@code refused} gets in. */
    private void admittedOnceTheWorkerRuns(WorkOrderSubmitParams held, WorkOrderSubmitParams refused) {
        tcs.attachWorker();
        tcs.awaitOutcome(held.workOrderId());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> tcs.submit(refused).path("error").path("code").asInt() == 5);
    }
}
