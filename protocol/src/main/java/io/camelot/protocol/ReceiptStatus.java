package io.camelot.protocol;

import java.util.Optional;

/**
 * Receipt create/update status codes (5..254 reserved, 255 "any", above 255 application-defined).
 */
public enum ReceiptStatus {
    PENDING(0),
    COMPLETED(1),
    PROCESSED(2),
    FAILED(3),
    REJECTED(4);

    private final int code;

    ReceiptStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<ReceiptStatus> of(long code) {
        for (ReceiptStatus status : values()) {
            if (status.code == code) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
