package io.camelot.listener;

import static io.camelot.jsonrpc.JsonRpcAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.envelope.RequestSecrets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Security review M2 and M3: work orders only for ACTIVE, served workers. */
class WorkerStatusAdmissionTest extends TcsTest {

    @Test
    void aWorkerThatIsNotActiveAdmitsNothingUntilItIsActiveAgain() {
        tcs = TestTcs.start(directory, TestTcs.config(false, true), 100, true);
        setStatus(2);
        assertSubmitRefused(
                tcs.sealEcho("while off line").request(),
                2,
                "worker " + tcs.workerId() + " is OFF_LINE (status 2): it takes no work orders");
        assertThat(tcs.queue.outstanding()).isZero();

        setStatus(1);
        RequestSecrets admitted = tcs.sealEcho("back");
        assertError(tcs.submit(admitted.request()), 5, COMPUTING);
        assertThat(tcs.awaitOutcome(admitted.request().workOrderId()).has("result"))
                .isTrue();
    }

    @Test
    void aRegisteredWorkerThatNoProcessServesAdmitsNothing() {
        tcs = TestTcs.start(directory, TestTcs.config(false, true), 100, true);
        String unserved = "0a0b";
        tcs.store.putWorker(unserved, ProtocolJson.toBytes(tcs.worker.record()));
        ObjectNode request = (ObjectNode)
                ProtocolJson.toTree(tcs.sealEcho("nobody runs this").request());
        request.put("workerId", unserved);
        assertError(tcs.submit(request), 2, "worker 0a0b is served by no worker process: it takes no work orders");
        assertUnknown(request.path("workOrderId").asText());
        assertThat(tcs.queue.outstanding()).isZero();
    }

    @Test
    void workOrdersQueuedBeforeTheWorkerIsMarkedCompromisedFailWithoutRunning() {
        tcs = TestTcs.start(directory, TestTcs.config(false, true), 100, false);
        // The held worker's two threads take the first two; the third waits in the queue, not started.
        List<String> taken = new ArrayList<>();
        for (String text : new String[] {"first", "second"}) {
            RequestSecrets secrets = tcs.sealEcho(text);
            taken.add(secrets.request().workOrderId());
            assertError(tcs.submit(secrets.request()), 5, COMPUTING);
        }
        RequestSecrets queued = tcs.sealEcho("queued");
        String id = queued.request().workOrderId();
        assertError(tcs.submit(queued.request()), 5, COMPUTING);
        setStatus(4);
        tcs.attachWorker();
        assertError(
                tcs.awaitOutcome(id),
                1,
                "Work order "
                        + id
                        + " cannot run: worker "
                        + tcs.workerId()
                        + " is COMPROMISED (status 4): it takes no work orders");
        // The first two may still be finishing when the third's outcome is stored: the queue is
        // empty once all three have one.
        taken.forEach(tcs::awaitOutcome);
        await().atMost(Duration.ofSeconds(20)).until(() -> tcs.queue.outstanding() == 0);
    }

    private void setStatus(int status) {
        assertError(
                tcs.call("WorkerSetStatus", Map.of("workerId", tcs.workerId(), "status", status)),
                0,
                "Successfully Set Status");
    }
}
