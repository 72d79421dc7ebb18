package io.camelot.listener.methods;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.jsonrpc.RpcCall;
import io.camelot.jsonrpc.RpcOutcome;
import io.camelot.listener.DirectModelMethod;
import io.camelot.protocol.ProtocolJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Function;

/**
 * OpenRPC service discovery: answers with the committed {@code openrpc.json}, which a test keeps in
 * step with the method registry.
 */
public final class RpcDiscover extends DirectMethod<JsonNode> {
    public static final String DOCUMENT_RESOURCE = "/openrpc.json";

    private final JsonNode document;

    public RpcDiscover() {
        super(DirectModelMethod.RPC_DISCOVER, Function.identity());
        this.document = loadDocument();
    }

    /** The OpenRPC document as shipped in the listener jar. */
    public static JsonNode loadDocument() {
        try (InputStream in = RpcDiscover.class.getResourceAsStream(DOCUMENT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DOCUMENT_RESOURCE + " is missing from the listener jar");
            }
            return ProtocolJson.parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DOCUMENT_RESOURCE, e);
        }
    }

    @Override
    public boolean paramsOptional() {
        return true;
    }

    @Override
    public RpcOutcome invoke(RpcCall<JsonNode> call) {
        return RpcOutcome.result(document);
    }
}
