package io.camelot.attestation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A PCS JSON document {"tcbInfo"|"enclaveIdentity": {...}, "signature": "hex r||s"}: the signature
 * covers the raw bytes of the inner object exactly as served, so they are cut from the file rather
 * than re-serialised.
 */
record SignedCollateral(String what, byte[] body, byte[] signature, JsonNode content) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static SignedCollateral parse(String what, byte[] document, String field) {
        byte[] body = null;
        String signatureHex = null;
        try (JsonParser parser = JSON.getFactory().createParser(document)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw malformed(what, "is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals(field) && value == JsonToken.START_OBJECT) {
                    int start = (int) parser.currentTokenLocation().getByteOffset();
                    parser.skipChildren();
                    int end = (int) parser.currentTokenLocation().getByteOffset() + 1;
                    body = Arrays.copyOfRange(document, start, end);
                } else if (name.equals("signature") && value == JsonToken.VALUE_STRING) {
                    signatureHex = parser.getText();
                } else {
                    parser.skipChildren();
                }
            }
            if (body == null || signatureHex == null) {
                throw malformed(what, "lacks \"" + field + "\" or \"signature\"");
            }
            return new SignedCollateral(what, body, HexFormat.of().parseHex(signatureHex), JSON.readTree(body));
        } catch (IOException | IllegalArgumentException e) {
            throw new VerificationException(
                    FailureReason.MALFORMED_EVIDENCE, what + " cannot be parsed: " + e.getMessage(), e);
        }
    }

    /** Checks the ECDSA P-256 signature and that {@code at} lies in [issueDate, nextUpdate]. */
    void verify(X509Certificate signer, Instant at) {
        try {
            Signature ecdsa = Signature.getInstance("SHA256withECDSAinP1363Format");
            ecdsa.initVerify(signer.getPublicKey());
            ecdsa.update(body);
            if (!ecdsa.verify(signature)) {
                throw new VerificationException(
                        FailureReason.COLLATERAL_SIGNATURE_INVALID, what + " signature does not verify");
            }
        } catch (GeneralSecurityException e) {
            throw new VerificationException(
                    FailureReason.COLLATERAL_SIGNATURE_INVALID, what + " signature check failed: " + e.getMessage(), e);
        }
        Instant issued = date("issueDate");
        Instant nextUpdate = date("nextUpdate");
        if (at.isBefore(issued) || at.isAfter(nextUpdate)) {
            throw new VerificationException(
                    FailureReason.COLLATERAL_NOT_CURRENT,
                    what + " is current from " + issued + " to " + nextUpdate + ", not at " + at);
        }
    }

    Instant date(String field) {
        try {
            return Instant.parse(text(field));
        } catch (DateTimeParseException e) {
            throw malformed(what, "has a bad " + field);
        }
    }

    String text(String field) {
        JsonNode value = content.get(field);
        if (value == null || !value.isValueNode()) {
            throw malformed(what, "has no " + field);
        }
        return value.asText();
    }

    private static VerificationException malformed(String what, String problem) {
        return new VerificationException(FailureReason.MALFORMED_EVIDENCE, what + " " + problem);
    }
}
