package io.camelot.io;

/**
 * An External IO connector the worker runs on a workload's behalf. Requests and responses are JSON
 * documents whose shape each connector defines (docs/workloads.md).
 */
public interface Connector {

    /** The name workloads call it by, e.g. {@code https}. */
    String name();

    /**
     * True if it keeps data in the work order's {@link ConnectorState}: a workload granted it then
     * runs one work order at a time, like a stateful workload, so its read-modify-writes lose
     * nothing.
     */
    default boolean keepsState() {
        return false;
    }

    /**
     * @param workload the calling workload, for namespacing and messages
     * @param policy what the operator granted that workload on this connector
     * @param state the calling work order's staged state, for connectors that keep data
     * @throws io.camelot.workload.WorkloadException ACCESS_DENIED if the policy forbids the call,
     *     INVALID_INPUT if the request is malformed, FAILED if the call itself fails
     */
    byte[] call(String workload, ConnectorPolicy policy, ConnectorState state, byte[] request);
}
