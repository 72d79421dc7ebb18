package io.camelot.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.protocol.Params;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.hash.WorkOrderHashes;
import java.util.Objects;
import java.util.Optional;

/** Request hashes as the stores take them. */
public final class RequestHashes {
    /** A request hash is a SHA-256 digest. */
    public static final int BYTES = 32;

    private RequestHashes() {}

    /**
     * @return {@code requestHash}, if it can be one
     * @throws IllegalArgumentException if it is not {@value #BYTES} bytes long
     */
    public static byte[] checked(byte[] requestHash) {
        Objects.requireNonNull(requestHash, "requestHash");
        if (requestHash.length != BYTES) {
            throw new IllegalArgumentException(
                    "requestHash is " + requestHash.length + " bytes; a SHA-256 digest has " + BYTES);
        }
        return requestHash;
    }

    /**
     * The request hash the listener computes at submit ({@link WorkOrderHashes#requestHash}) of a
     * stored raw JSON-RPC request: for the layout upgrades that index the work orders a store kept
     * before it kept their request hashes.
     *
     * @return empty if the request does not parse as a WorkOrderSubmit: the listener stores only
     *     requests that do, so no other can be replayed
     */
    public static Optional<byte[]> ofStoredRequest(byte[] rawRequest) {
        try {
            JsonNode params = ProtocolJson.parse(rawRequest).get("params");
            return Optional.of(WorkOrderHashes.requestHash(Params.workOrderSubmit(params)));
        } catch (RuntimeException unparsable) {
            return Optional.empty();
        }
    }
}
