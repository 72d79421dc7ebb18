package io.camelot.pool.wkm;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.pool.AttestationInfo;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.ProtocolJson;

/** Reads the fields of internal API params, refusing bad ones with code 2. */
public final class InternalParams {
    private InternalParams() {}

    public static AttestationInfo attestation(JsonNode params, String field) {
        JsonNode node = params.get(field);
        if (node == null || !node.isObject()) {
            throw EeaException.invalidParameter("Invalid data format for " + field + ": expected attestation info");
        }
        return ProtocolJson.bind(node, AttestationInfo.class);
    }

    public static String text(JsonNode params, String field) {
        JsonNode node = params.get(field);
        if (node == null || !node.isTextual() || node.textValue().isEmpty()) {
            throw EeaException.invalidParameter("Invalid data format for " + field + ": expected a non-empty string");
        }
        return node.textValue();
    }

    /** The text, or null when absent. */
    public static String optionalText(JsonNode params, String field) {
        JsonNode node = params.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw EeaException.invalidParameter("Invalid data format for " + field + ": expected a string");
        }
        return node.textValue();
    }
}
