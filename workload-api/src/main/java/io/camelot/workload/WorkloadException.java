package io.camelot.workload;

/** The workload refuses the work order; the message is returned to the requester. */
public class WorkloadException extends RuntimeException {
  public WorkloadException(String message) {
    super(message);
  }
}
