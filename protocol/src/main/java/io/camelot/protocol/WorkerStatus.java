package io.camelot.protocol;

/** Worker status as the Avalon SDK stores and checks it (ACTIVE is 1, not 0). */
public enum WorkerStatus {
    ACTIVE(1),
    OFF_LINE(2),
    DECOMMISSIONED(3),
    COMPROMISED(4);

    private final int code;

    WorkerStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /**
     * @throws IllegalArgumentException for a code outside 1..4
     */
    public static WorkerStatus of(int code) {
        for (WorkerStatus status : values()) {
            if (status.code == code) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown worker status " + code);
    }
}
