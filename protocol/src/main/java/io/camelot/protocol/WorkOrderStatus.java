package io.camelot.protocol;

/**
 * Codes returned by WorkOrderSubmit and WorkOrderGetResult (EEA {@code WorkOrderStatus}). Clients
 * poll only while the code is {@link #PENDING}, so {@link #SCHEDULED} and {@link #PROCESSING} are
 * never sent.
 */
public enum WorkOrderStatus {
    SUCCESS(0),
    FAILED(1),
    INVALID_PARAMETER_FORMAT_OR_VALUE(2),
    ACCESS_DENIED(3),
    INVALID_SIGNATURE(4),
    PENDING(5),
    SCHEDULED(6),
    PROCESSING(7),
    BUSY(8),
    INVALID_WORKLOAD(9),
    UNKNOWN_ERROR(10);

    private final int code;

    WorkOrderStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
