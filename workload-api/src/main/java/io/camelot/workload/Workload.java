package io.camelot.workload;

import java.util.List;
import java.util.Optional;

/**
 * A workload the trusted worker can run. Implementations are found with {@link
 * java.util.ServiceLoader} and selected by {@link #name()}, which requesters send hex-encoded as
 * {@code workloadId}.
 *
 * <p>The worker hands a workload the decrypted inputs and encrypts whatever it returns; a workload
 * never sees keys or ciphertext.
 */
public interface Workload {

    /** The workload name, e.g. {@code echo-result}. */
    String name();

    /**
     * True if the workload reads or writes {@link WorkloadContext} state. The worker runs the work
     * orders of a stateful workload one at a time, and commits their state writes atomically with the
     * response.
     */
    default boolean stateful() {
        return false;
    }

    /**
     * The named resource (as requesters declare it in a work order's {@code dependencies}, e.g.
     * {@code wallet:alice}) that a state key belongs to. When a work order declares resources, the
     * TCS serialises it by those resource locks instead of running the workload one work order at a
     * time, and refuses any state access outside the declared resources. Empty: the key belongs to no
     * resource, and work orders that touch it must not declare resources.
     */
    default Optional<String> resourceOf(String stateKey) {
        return Optional.empty();
    }

    /**
     * Runs the workload.
     *
     * @param inputs the decrypted inData items, sorted by index
     * @return at least one output item
     * @throws WorkloadException if the work order cannot be processed; the requester sees the message
     */
    List<Item> process(List<Item> inputs, WorkloadContext context);
}
