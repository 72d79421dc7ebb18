package io.camelot.fabric.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.FileCheckpointer;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chaincode on a real Fabric 2.5.9 network (deploy/fabric/network.sh): one orderer, one peer, the
 * chaincode JVM as a service, clients through the peer's Gateway as the org's admin (the workers' TCS)
 * and its user (a requester). Prints the timings docs/fabric.md quotes. Skipped without Go (and no
 * cached binaries), unless CAMELOT_REQUIRE_FABRIC=1 as in .ci/run.
 */
class FabricNetworkTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FabricNetwork.Timings TIMINGS = new FabricNetwork.Timings();

    private static FabricNetwork network;
    private static Gateway tcs;
    private static Gateway requester;

    @BeforeAll
    static void start() throws IOException, InterruptedException, GatewayException {
        network = FabricNetwork.startOrSkip(Path.of("target", "fabric-it"), TIMINGS);
        tcs = network.connect("ADMIN");
        requester = network.connect("USER");
        long started = System.nanoTime();
        contract(requester).evaluateTransaction("registryLookUp", "");
        TIMINGS.record("first query (the peer connects to the chaincode)", started);
    }

    @AfterAll
    static void stop() throws IOException {
        if (network != null) {
            long started = System.nanoTime();
            network.close();
            TIMINGS.record("chaincode stop and network.sh down", started);
            System.out.print("Fabric timings:" + System.lineSeparator() + TIMINGS);
        }
    }

    @Test
    void proxyModelRoundTripWithEventsResumedFromACheckpoint() throws Exception {
        contract(tcs).submitTransaction("workerRegister", "w1", "1", "org1", "echo", "{}");
        String key = submitWorkOrder("wo1", "w1");
        Network channel = tcs.getNetwork(network.get("FABRIC_CHANNEL"));

        try (FileCheckpointer checkpoint = new FileCheckpointer(Path.of("target", "fabric-it", "checkpoint.json"))) {
            ChaincodeEvent submitted = nextEvent(channel, checkpoint, "workOrderSubmitted", key);
            assertThat(json(submitted.getPayload()).get("workerId").asText()).isEqualTo("w1");

            contract(tcs).submitTransaction("workOrderComplete", key, "{\"result\":\"echo\"}");

            ChaincodeEvent completed = nextEvent(channel, checkpoint, null, null);
            assertThat(completed.getEventName())
                    .as("the first event after the checkpoint")
                    .isEqualTo("workOrderCompleted");
            assertThat(json(completed.getPayload()).get("workOrderId").asText()).isEqualTo(key);
        }
        JsonNode order = json(contract(requester).evaluateTransaction("workOrderGet", key));
        assertThat(order.get("status").asInt()).isEqualTo(WorkOrderRegistry.STATUS_COMPLETED);
        assertThat(order.get("response").asText()).isEqualTo("{\"result\":\"echo\"}");

        long[] nanos = new long[10];
        for (int i = 0; i < nanos.length; i++) {
            long started = System.nanoTime();
            submitWorkOrder("latency" + i, "w1");
            nanos[i] = System.nanoTime() - started;
        }
        Arrays.sort(nanos);
        TIMINGS.note(String.format(
                "sequential workOrderSubmit (endorse, order, commit), %d runs: p50 %d ms, max %d ms",
                nanos.length,
                TimeUnit.NANOSECONDS.toMillis(nanos[nanos.length / 2]),
                TimeUnit.NANOSECONDS.toMillis(nanos[nanos.length - 1])));
    }

    @Test
    void refusesACompletionByAnyoneButTheWorkersTcsIdentity() throws Exception {
        contract(tcs).submitTransaction("workerRegister", "w2", "1", "org1", "echo", "{}");
        String key = submitWorkOrder("wo2", "w2");

        assertThatThrownBy(() -> contract(requester).submitTransaction("workOrderComplete", key, "{\"forged\":1}"))
                .isInstanceOf(EndorseException.class)
                .satisfies(e -> assertThat(errorText((GatewayException) e))
                        .contains("the caller is not the TCS identity of worker w2"));
        assertThat(json(contract(requester).evaluateTransaction("workOrderGet", key))
                        .get("status")
                        .asInt())
                .isEqualTo(WorkOrderRegistry.STATUS_ACTIVE);
    }

    /** Submits as the requester; returns the work order's key. */
    private static String submitWorkOrder(String workOrderId, String workerId) throws Exception {
        String request = "{\"workOrderId\":\"" + workOrderId + "\"}";
        JsonNode submitted = json(
                contract(requester).submitTransaction("workOrderSubmit", workOrderId, workerId, "requester", request));
        assertThat(submitted.get("errorCode").asInt()).isEqualTo(WorkOrderRegistry.ERROR_NONE);
        return submitted.get("workOrderId").asText();
    }

    /**
     * The next chaincode event after the checkpoint (from block 0 while it is empty), checkpointing every
     * event read; skips to the named event for the given key when {@code name} is not null.
     */
    private static ChaincodeEvent nextEvent(Network channel, FileCheckpointer checkpoint, String name, String key)
            throws IOException {
        try (CloseableIterator<ChaincodeEvent> events = channel.newChaincodeEventsRequest(FabricNetwork.CHAINCODE)
                .startBlock(0)
                .checkpoint(checkpoint)
                .build()
                .getEvents(options -> options.withDeadlineAfter(30, TimeUnit.SECONDS))) {
            while (true) {
                ChaincodeEvent event = events.next();
                checkpoint.checkpointChaincodeEvent(event);
                if (name == null
                        || (event.getEventName().equals(name)
                                && json(event.getPayload())
                                        .get("workOrderId")
                                        .asText()
                                        .equals(key))) {
                    return event;
                }
            }
        }
    }

    private static String errorText(GatewayException e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (ErrorDetail detail : e.getDetails()) {
            text.append('\n').append(detail.getMessage());
        }
        return text.toString();
    }

    private static Contract contract(Gateway gateway) {
        return gateway.getNetwork(network.get("FABRIC_CHANNEL")).getContract(FabricNetwork.CHAINCODE);
    }

    private static JsonNode json(byte[] bytes) throws IOException {
        return JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
    }
}
