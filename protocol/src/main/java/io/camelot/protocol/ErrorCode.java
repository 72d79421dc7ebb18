package io.camelot.protocol;

/**
 * Generic JSON-RPC error codes of the EEA API (spec 4.1.1) and of JSON-RPC 2.0 itself. Note that 5
 * means "no more lookup results" here but "pending" in {@link WorkOrderStatus}.
 */
public enum ErrorCode {
    SUCCESS(0),
    UNKNOWN_ERROR(1),
    INVALID_PARAMETER(2),
    ACCESS_DENIED(3),
    INVALID_SIGNATURE(4),
    NO_MORE_LOOKUP_RESULTS(5),
    UNSUPPORTED_MODE(6),
    PARSE_ERROR(-32700),
    INVALID_REQUEST(-32600),
    METHOD_NOT_FOUND(-32601),
    INVALID_PARAMS(-32602),
    INTERNAL_ERROR(-32603),
    SERVER_ERROR(-32000);

    private final int code;

    ErrorCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
