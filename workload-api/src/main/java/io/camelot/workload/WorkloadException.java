package io.camelot.workload;

/** The workload refuses the work order; the message is returned to the requester. */
public class WorkloadException extends RuntimeException {

    /** Why the work order failed; the worker maps it to the EEA status code the requester sees. */
    public enum Reason {
        /** The workload could not produce a result (EEA 1, FAILED). */
        FAILED,
        /** The inputs are malformed (EEA 2, INVALID_PARAMETER_FORMAT_OR_VALUE). */
        INVALID_INPUT,
        /** A worker policy forbids what the work order asked for (EEA 3, ACCESS_DENIED). */
        ACCESS_DENIED,
        /**
         * The workload ran out of its instruction, memory or time budget (EEA 1, FAILED: the EEA codes
         * have no resource-limit status, and FAILED is what Avalon returns for enclave memory errors).
         */
        RESOURCE_LIMIT
    }

    private final Reason reason;

    public WorkloadException(String message) {
        this(Reason.FAILED, message);
    }

    public WorkloadException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
