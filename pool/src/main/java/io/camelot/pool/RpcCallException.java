package io.camelot.pool;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.protocol.EeaException;

/** A pool peer answered a call with a JSON-RPC error object. */
public final class RpcCallException extends RuntimeException {
    private final int code;
    private final String peerMessage;
    private final transient JsonNode data;

    public RpcCallException(String method, int code, String peerMessage, JsonNode data) {
        super(method + " failed with code " + code + ": " + peerMessage, null, false, false);
        this.code = code;
        this.peerMessage = peerMessage;
        this.data = data;
    }

    public int code() {
        return code;
    }

    public String peerMessage() {
        return peerMessage;
    }

    /** May be null. */
    public JsonNode data() {
        return data;
    }

    /** The same error, to be passed on to whoever called us. */
    public EeaException toEeaException() {
        return new EeaException(code, peerMessage, data);
    }
}
