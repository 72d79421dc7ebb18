package io.camelot.workload;

/**
 * The only way a workload reaches data outside the worker: named connectors (e.g. {@code https},
 * {@code kv}) that the worker runs on the workload's behalf, each checking the policy the operator
 * granted that workload. Requests and responses are connector-specific bytes (JSON for the shipped
 * connectors, see docs/workloads.md).
 */
@FunctionalInterface
public interface ExternalIo {

    /** No connector granted: every call is denied. */
    ExternalIo NONE = (connector, request) -> {
        throw new WorkloadException(
                WorkloadException.Reason.ACCESS_DENIED, "connector " + connector + " is not granted to this workload");
    };

    /**
     * Calls a connector.
     *
     * @throws WorkloadException with {@link WorkloadException.Reason#ACCESS_DENIED} if the policy
     *     forbids the call, or another reason if the request is malformed or the call fails
     */
    byte[] call(String connector, byte[] request);
}
