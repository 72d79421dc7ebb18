package io.camelot.worker;

import io.camelot.attestation.CodeMeasurement;
import io.camelot.attestation.SimulatedTee;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.envelope.InputSpec;
import io.camelot.protocol.envelope.RequestTemplate;
import io.camelot.protocol.hash.Sha256;
import io.camelot.protocol.hash.WorkOrderHashes;
import io.camelot.protocol.jsonrpc.JsonRpcRequest;
import io.camelot.protocol.model.WorkOrderResponse;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.scheduler.PersistentWorkOrderQueue;
import io.camelot.scheduler.QueueSettings;
import io.camelot.store.LmdbTcsStore;
import io.camelot.store.TcsStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** Tests of a worker behind a real queue and LMDB store, fed work orders as the listener feeds them. */
abstract class QueuedWorkerTest {
    @TempDir
    Path dir;

    TcsStore store;
    PersistentWorkOrderQueue queue;
    SingletonWorker worker;

    /** Opens the store, builds the worker on it, registers it and attaches it with {@code slots}. */
    void start(Function<TcsStore, SingletonWorker> build, int slots) {
        store = LmdbTcsStore.open(dir.resolve("store"), 64L << 20);
        queue = new PersistentWorkOrderQueue(store, QueueSettings.defaults(), Clock.systemUTC());
        worker = build.apply(store);
        worker.register();
        queue.attach(worker.workerId(), worker, slots);
    }

    @AfterEach
    void stop() {
        queue.close();
        store.close();
    }

    /** A simulated TEE on the system clock, sealing under {@code dir}. */
    static SimulatedTee tee(Path dir) {
        return SimulatedTee.open(dir.resolve("tee"), CodeMeasurement.of(SingletonWorker.class), Clock.systemUTC());
    }

    /** A work order for {@code workload} at {@code workerId}, with a fresh id and one text input each. */
    static RequestTemplate template(String workerId, String workload, String... inputs) {
        return new RequestTemplate(
                HexFormat.of().formatHex(Sha256.digest(UUID.randomUUID().toString())),
                workerId,
                HexFormat.of().formatHex(workload.getBytes(StandardCharsets.UTF_8)),
                "22",
                "00ff",
                6000,
                null,
                List.of(inputs).stream().map(InputSpec::text).toList(),
                List.of());
    }

    /** Submits as the listener does: the raw bytes are the whole JSON-RPC request. */
    void submit(WorkOrderSubmitParams params) {
        byte[] raw = ProtocolJson.toBytes(JsonRpcRequest.of("WorkOrderSubmit", 1, ProtocolJson.toTree(params)));
        queue.submit(params.workOrderId(), params.workerId(), params, WorkOrderHashes.requestHash(params), raw);
    }

    WorkOrderResponse await(WorkOrderSubmitParams params) throws Exception {
        byte[] stored = queue.completion(params.workOrderId()).get(30, TimeUnit.SECONDS);
        return ProtocolJson.mapper().readValue(stored, WorkOrderResponse.class);
    }

    WorkOrderResponse run(WorkOrderSubmitParams params) throws Exception {
        submit(params);
        return await(params);
    }
}
