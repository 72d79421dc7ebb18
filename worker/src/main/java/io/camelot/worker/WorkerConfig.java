package io.camelot.worker;

import io.camelot.protocol.hash.Sha256;
import java.util.HexFormat;

/**
 * @param name the worker name; its id is the lower-hex SHA-256 of the name, as Avalon derives it
 * @param concurrency work orders processed at once (the crypto is CPU-bound: one per core)
 * @param requireRequesterSignature refuse work orders that carry no requester signature (code 3)
 */
public record WorkerConfig(
        String name,
        String organizationId,
        String applicationTypeId,
        int concurrency,
        boolean requireRequesterSignature) {

    /** A worker that also takes unsigned work orders, as Avalon's does. */
    public WorkerConfig(String name, String organizationId, String applicationTypeId, int concurrency) {
        this(name, organizationId, applicationTypeId, concurrency, false);
    }

    /** Avalon's defaults, so Avalon's own scripts and lookups work unchanged. */
    public static final String DEFAULT_NAME = "singleton-worker-1";

    public static final String DEFAULT_ORGANIZATION_ID =
            "aabbcc1234ddeeffaabbcc1234ddeeffaabbcc1234ddeeffaabbcc1234ddeeff";
    public static final String DEFAULT_APPLICATION_TYPE_ID =
            "11aa22bb33cc44dd11aa22bb33cc44dd11aa22bb33cc44dd11aa22bb33cc44dd";

    public static WorkerConfig defaults() {
        return new WorkerConfig(
                DEFAULT_NAME,
                DEFAULT_ORGANIZATION_ID,
                DEFAULT_APPLICATION_TYPE_ID,
                Runtime.getRuntime().availableProcessors());
    }

    public String workerId() {
        return idOf(name);
    }

    public static String idOf(String workerName) {
        return HexFormat.of().formatHex(Sha256.digest(workerName));
    }
}
