package io.camelot.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A failure that the TCS reports to the requester as a JSON-RPC error object: an EEA code, a
 * readable message and optional data (Avalon attaches {@code {"workOrderId": …}} to work order
 * errors).
 */
public class EeaException extends RuntimeException {
    private final int code;
    private final transient JsonNode data;

    public EeaException(int code, String message, JsonNode data) {
        super(message, null, false, false);
        this.code = code;
        this.data = data;
    }

    public EeaException(int code, String message) {
        this(code, message, null);
    }

    public static EeaException invalidParameter(String message) {
        return new EeaException(ErrorCode.INVALID_PARAMETER.code(), message);
    }

    public int code() {
        return code;
    }

    /** May be null. */
    public JsonNode data() {
        return data;
    }

    public EeaException withData(JsonNode newData) {
        return new EeaException(code, getMessage(), newData);
    }
}
