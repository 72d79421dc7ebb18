package io.camelot.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelot.io.ConnectorPolicy;
import io.camelot.io.ConnectorState;
import io.camelot.io.Connectors;
import io.camelot.io.KeyValueConnector;
import io.camelot.protocol.envelope.RequestSealer;
import io.camelot.protocol.envelope.RequestSecrets;
import io.camelot.protocol.envelope.ResponseOpener;
import io.camelot.protocol.hash.Sha256;
import io.camelot.protocol.model.WorkOrderResponse;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.workload.Item;
import io.camelot.workload.Workload;
import io.camelot.workload.WorkloadContext;
import io.camelot.workload.WorkloadException;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The kv connector's writes commit with the work order: all of them, or none if it fails. */
class KvWorkOrderTest extends QueuedWorkerTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final byte[] KV_KEY = new byte[32];
    static WorkerKeys keys;

    /**
     * A counter kept in the kv connector; the workload is stateless, so only its kv grant makes the
     * worker run its work orders one at a time. Input 0 is {@code add <key> <n>} (read, add, put, and
     * read back within the work order), {@code add-then-fail <key> <n>}, {@code delete <key>} or
     * {@code get <key>}; the output is the value it then reads.
     */
    static final class KvCounter implements Workload {
        @Override
        public String name() {
            return "kv-counter";
        }

        @Override
        public List<Item> process(List<Item> inputs, WorkloadContext context) {
            String[] command = inputs.get(0).text().split(" ");
            String key = command[1];
            switch (command[0]) {
                case "add", "add-then-fail" -> {
                    long next = read(context, key) + Long.parseLong(command[2]);
                    call(
                            context,
                            "{\"op\":\"put\",\"key\":\""
                                    + key
                                    + "\",\"value\":\""
                                    + Base64.getEncoder()
                                            .encodeToString(Long.toString(next).getBytes(StandardCharsets.UTF_8))
                                    + "\"}");
                    if (command[0].equals("add-then-fail")) {
                        throw new WorkloadException("failed after the put");
                    }
                }
                case "delete" -> call(context, "{\"op\":\"delete\",\"key\":\"" + key + "\"}");
                case "get" -> {}
                default -> throw new WorkloadException("unknown command " + command[0]);
            }
            return List.of(Item.ofText(0, Long.toString(read(context, key))));
        }

        private static long read(WorkloadContext context, String key) {
            JsonNode response = call(context, "{\"op\":\"get\",\"key\":\"" + key + "\"}");
            return response.get("found").asBoolean()
                    ? Long.parseLong(new String(
                            Base64.getDecoder().decode(response.get("value").asText()), StandardCharsets.UTF_8))
                    : 0;
        }

        private static JsonNode call(WorkloadContext context, String request) {
            try {
                return JSON.readTree(
                        context.io().call(KeyValueConnector.NAME, request.getBytes(StandardCharsets.UTF_8)));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @BeforeAll
    static void generateKeys() {
        keys = WorkerKeys.generate();
    }

    @BeforeEach
    void start() {
        WorkerConfig config = WorkerConfig.defaults();
        Connectors connectors = new Connectors(
                List.of(new KeyValueConnector(config.workerId(), KV_KEY)),
                List.of(new Connectors.Grant("kv-counter", KeyValueConnector.NAME, ConnectorPolicy.sizeOnly(64))));
        start(
                tcsStore -> new SingletonWorker(
                        config,
                        keys,
                        tee(dir),
                        Workloads.load().with(List.of(new KvCounter())),
                        tcsStore,
                        Clock.systemUTC(),
                        connectors,
                        new CompositeMeterRegistry()),
                4);
    }

    RequestSecrets seal(String command) {
        return RequestSealer.seal(
                template(worker.workerId(), "kv-counter", command),
                keys.encryption().publicKey(),
                null);
    }

    /** Runs one command and returns its output, or the error message if the work order failed. */
    String run(String command) throws Exception {
        RequestSecrets secrets = seal(command);
        submit(secrets.request());
        WorkOrderResponse response = await(secrets.request());
        if (response.failed()) {
            return "error: " + response.error().message();
        }
        return ResponseOpener.open(response.result(), secrets, keys.signing().verifier())
                .get(0)
                .text();
    }

    @Test
    void aPutIsVisibleToALaterGetInTheSameWorkOrderAndToTheNextWorkOrder() throws Exception {
        assertThat(run("add apples 3")).isEqualTo("3");
        assertThat(run("add apples 4")).isEqualTo("7");
        assertThat(run("get apples")).isEqualTo("7");
    }

    @Test
    void aWorkOrderThatPutsThenFailsLeavesNothing() throws Exception {
        assertThat(run("add-then-fail pears 5")).isEqualTo("error: failed after the put");
        assertThat(run("get pears")).isEqualTo("0");

        assertThat(run("add pears 2")).isEqualTo("2");
        assertThat(run("add-then-fail pears 5")).isEqualTo("error: failed after the put");
        assertThat(run("get pears")).isEqualTo("2");
    }

    @Test
    void aDeleteCommitsWithTheWorkOrder() throws Exception {
        run("add plums 9");
        assertThat(run("delete plums")).isEqualTo("0");
        assertThat(run("get plums")).isEqualTo("0");
    }

    @Test
    void concurrentWorkOrdersLoseNoUpdate() throws Exception {
        List<WorkOrderSubmitParams> adds = IntStream.range(0, 40)
                .mapToObj(i -> seal("add figs 1").request())
                .toList();
        adds.forEach(this::submit);
        for (WorkOrderSubmitParams add : adds) {
            assertThat(await(add).failed()).isFalse();
        }
        assertThat(run("get figs")).isEqualTo("40");
    }

    @Test
    void theStoreHoldsOnlySealedBytesUnderHashedKeysInTheReservedNamespace() throws Exception {
        run("add secret-key-name 424242");
        String stateKey = ConnectorState.STORE_PREFIX
                + "kv/"
                + sha256Hex(worker.workerId())
                + "/"
                + sha256Hex("kv-counter")
                + "/"
                + sha256Hex("secret-key-name");

        byte[] stored = store.state(stateKey).orElseThrow();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("424242");
        // Nor is the value under the workload's own state namespace.
        assertThat(store.state("kv-counter/secret-key-name")).isEmpty();
    }

    @Test
    void noWorkloadNameCanReachTheConnectorNamespace() {
        Workload squatter = new Workload() {
            @Override
            public String name() {
                return "\u0000io";
            }

            @Override
            public List<Item> process(List<Item> inputs, WorkloadContext context) {
                return inputs;
            }
        };
        assertThatThrownBy(() -> Workloads.load().with(List.of(squatter)))
                .hasMessageContaining("reserved for connector state");
    }

    private static String sha256Hex(String text) {
        return HexFormat.of().formatHex(Sha256.digest(text));
    }
}
