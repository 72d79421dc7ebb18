package io.camelot.workload;

import java.util.List;

/**
 * A workload the trusted worker can run. Implementations are found with {@link java.util.ServiceLoader}
 * and selected by {@link #name()}, which requesters send hex-encoded as {@code workloadId}.
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
   * Runs the workload.
   *
   * @param inputs the decrypted inData items, sorted by index
   * @return at least one output item
   * @throws WorkloadException if the work order cannot be processed; the requester sees the message
   */
  List<Item> process(List<Item> inputs, WorkloadContext context);
}
