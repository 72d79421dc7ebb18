package io.camelot.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.camelot.attestation.ProofDataVerifier;
import io.camelot.attestation.Verdict;
import io.camelot.attestation.VerificationContext;
import io.camelot.protocol.Hex;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.ReceiptStatus;
import io.camelot.protocol.WorkerStatus;
import io.camelot.protocol.hash.Sha256;
import io.camelot.protocol.model.ReceiptCreateParams;
import io.camelot.protocol.model.ReceiptUpdateParams;
import io.camelot.protocol.model.WorkerRecord;
import io.camelot.protocol.model.WorkerTypeData;
import io.camelot.store.TcsStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON behind the dashboard of a TCS node: workers with their keys and attestation verdict,
 * queue depth, totals, the recent history of throughput and latency, and recent work orders with
 * their state, error message and receipt status. Only ids, worker names, states, error messages,
 * key fingerprints and timings leave here, never work-order data or results.
 */
public final class TcsDashboard {
    private static final int RECENT_LIMIT = 50;

    private final TcsStore store;
    private final MeterRegistry registry;
    private final RecentWorkOrders recent;
    private final MetricHistory history;
    private final Map<String, String> names;
    private final Clock clock;
    private final ProofDataVerifier verifier = new ProofDataVerifier();

    /** Verdicts by SHA-256 of the evidence: verified once, counted once. */
    private final Map<String, Verdict> verdicts = new ConcurrentHashMap<>();

    /**
     * @param names worker names by id where this process knows them (its configuration): the
     *     directory keeps only ids
     */
    public TcsDashboard(
            TcsStore store,
            MeterRegistry registry,
            RecentWorkOrders recent,
            MetricHistory history,
            Map<String, String> names,
            Clock clock) {
        this.store = store;
        this.registry = registry;
        this.recent = recent;
        this.history = history;
        this.names = Map.copyOf(names);
        this.clock = clock;
    }

    /**
     * Registers {@code /api/overview}, {@code /api/series} and {@code /api/workorders} and the page.
     */
    public void serveOn(AdminServer admin) {
        admin.addJsonEndpoint("overview", this::overview)
                .addJsonEndpoint("series", this::series)
                .addJsonEndpoint("workorders", this::workOrders)
                .enableDashboard();
    }

    public Map<String, Object> overview() {
        Map<String, Object> overview = new LinkedHashMap<>();
        overview.put("generatedAt", clock.millis());
        List<Map<String, Object>> workers = new ArrayList<>();
        for (String id : store.workerIds()) {
            store.worker(id).ifPresent(bytes -> workers.add(worker(id, bytes)));
        }
        overview.put("workers", workers);
        Map<String, Object> queue = new LinkedHashMap<>();
        queue.put("outstanding", gaugeValue("camelot.queue.outstanding"));
        Map<String, Double> depth = new LinkedHashMap<>();
        for (Gauge gauge : registry.find("camelot.queue.depth").gauges()) {
            depth.put(gauge.getId().getTag("worker"), gauge.value());
        }
        queue.put("depthByWorker", depth);
        overview.put("queue", queue);
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("submitted", counterSum("camelot.workorders.submitted", null));
        Map<String, Double> byCode = new LinkedHashMap<>();
        for (Counter counter : registry.find("camelot.workorders.completed").counters()) {
            byCode.merge(counter.getId().getTag("code"), counter.count(), Double::sum);
        }
        totals.put("completedByCode", byCode);
        totals.put("rejectedBusy", counterSum("camelot.workorders.rejected", "busy"));
        overview.put("totals", totals);
        return overview;
    }

    public Map<String, Object> series() {
        return Map.of("points", history.points());
    }

    public List<Map<String, Object>> workOrders() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RecentWorkOrders.Entry entry : recent.newestFirst(RECENT_LIMIT)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("workOrderId", entry.workOrderId());
            row.put("workerId", entry.workerId());
            row.put("workerName", names.get(entry.workerId()));
            row.put("admittedAt", entry.admittedAtMillis());
            Optional<TcsStore.WorkOrderInfo> info = store.workOrder(entry.workOrderId());
            if (info.isEmpty()) {
                row.put("state", "PURGED");
            } else if (info.get().status() == TcsStore.Status.PENDING) {
                row.put("state", "PENDING");
            } else {
                JsonNode error = outcomeError(entry.workOrderId());
                int code = error.path("code").asInt(0);
                row.put("state", code == 0 ? "COMPLETED" : "FAILED");
                row.put("code", code);
                if (code != 0) {
                    row.put("error", error.path("message").asText(null));
                }
                if (entry.completedAtMillis() > 0) {
                    row.put("completedAt", entry.completedAtMillis());
                    row.put("durationMs", entry.completedAtMillis() - entry.admittedAtMillis());
                }
            }
            row.put("receipt", receiptStatus(entry.workOrderId()));
            rows.add(row);
        }
        return rows;
    }

    private Map<String, Object> worker(String id, byte[] recordBytes) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("workerId", id);
        row.put("name", names.get(id));
        WorkerRecord record;
        try {
            record = ProtocolJson.bind(recordBytes, WorkerRecord.class);
        } catch (RuntimeException e) {
            row.put("status", "UNREADABLE");
            return row;
        }
        row.put("status", statusName(record.status()));
        WorkerTypeData typeData =
                record.details() == null ? null : record.details().workerTypeData();
        if (record.details() != null) {
            row.put("keyEncryption", record.details().keyEncryptionAlgorithm());
        }
        if (typeData != null) {
            row.put("verificationKey", fingerprint(typeData.verificationKey()));
            row.put("encryptionKey", fingerprint(typeData.encryptionKey()));
            row.put(
                    "x25519Key",
                    typeData.x25519EncryptionKey() == null ? null : fingerprint(typeData.x25519EncryptionKey()));
            row.put("proofDataType", typeData.proofDataType());
            Verdict verdict = verdict(typeData);
            Map<String, Object> attestation = new LinkedHashMap<>();
            attestation.put(
                    "kind", verdict.kind() == null ? null : verdict.kind().name());
            attestation.put("valid", verdict.valid());
            attestation.put("reason", verdict.reasonText());
            row.put("attestation", attestation);
        }
        return row;
    }

    private Verdict verdict(WorkerTypeData typeData) {
        String proofData = typeData.proofData() == null ? "" : typeData.proofData();
        String key = Hex.upper(
                Sha256.digest((typeData.proofDataType() + "\n" + typeData.verificationKey() + "\n" + proofData)
                        .getBytes(StandardCharsets.UTF_8)));
        return verdicts.computeIfAbsent(key, k -> {
            Verdict verdict = verifier.verify(
                    typeData.proofDataType(),
                    proofData,
                    VerificationContext.at(clock.instant()).boundTo(typeData.verificationKey()));
            AttestationMetrics.record(registry, verdict);
            return verdict;
        });
    }

    /** The stored response's error object, or a missing node for a result. */
    private JsonNode outcomeError(String workOrderId) {
        return store.response(workOrderId)
                .map(ProtocolJson::parse)
                .map(response -> response.path("error"))
                .orElse(MissingNode.getInstance());
    }

    /** The receipt's current status name, or null without a receipt. */
    private String receiptStatus(String workOrderId) {
        Optional<byte[]> create = store.receipt(workOrderId);
        if (create.isEmpty()) {
            return null;
        }
        List<byte[]> updates = store.receiptUpdates(workOrderId);
        Long status;
        if (!updates.isEmpty()) {
            status = ProtocolJson.bind(updates.getLast(), ReceiptUpdateParams.class)
                    .updateType();
        } else {
            JsonNode params = ProtocolJson.parse(create.get()).path("params");
            status = ProtocolJson.bind(params, ReceiptCreateParams.class).receiptCreateStatus();
        }
        return status == null
                ? "UNKNOWN"
                : ReceiptStatus.of(status).map(Enum::name).orElse("APPLICATION_" + status);
    }

    private static String statusName(Integer status) {
        if (status == null) {
            return "UNKNOWN";
        }
        try {
            return WorkerStatus.of(status).name();
        } catch (IllegalArgumentException e) {
            return "UNKNOWN_" + status;
        }
    }

    /** First 16 hex digits of SHA-256 over the PEM: enough to tell keys apart, nothing secret. */
    private static String fingerprint(String pem) {
        return pem == null
                ? null
                : Hex.upper(Sha256.digest(pem.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
    }

    private double gaugeValue(String name) {
        Gauge gauge = registry.find(name).gauge();
        return gauge == null ? 0 : gauge.value();
    }

    private double counterSum(String name, String reason) {
        double sum = 0;
        for (Counter counter : registry.find(name).counters()) {
            if (reason == null || reason.equals(counter.getId().getTag("reason"))) {
                sum += counter.count();
            }
        }
        return sum;
    }
}
