package io.camelot.sdk;

import com.fasterxml.jackson.databind.JsonNode;

/** The TCS answered with a JSON-RPC error object that does not mean success or pending. */
public class TcsRpcException extends TcsException {
    private final int code;
    private final String serverMessage;
    private final transient JsonNode data;

    /**
     * @param endpoint where the call went, for the message (a URL, or a name for other transports)
     * @param data the error's {@code data}, or null
     */
    public TcsRpcException(String method, String endpoint, int code, String serverMessage, JsonNode data) {
        super(method + " at " + endpoint + " failed with code " + code + ": " + serverMessage);
        this.code = code;
        this.serverMessage = serverMessage;
        this.data = data;
    }

    public int code() {
        return code;
    }

    public String serverMessage() {
        return serverMessage;
    }

    /** May be null; Avalon attaches {@code {"workOrderId": …}} to work order errors. */
    public JsonNode data() {
        return data;
    }
}
