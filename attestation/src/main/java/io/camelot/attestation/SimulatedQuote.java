package io.camelot.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Camelot's SIMULATED quote. proofData is the JSON object {"simulatedQuote": REPORT, "signature":
 * base64 DER ECDSA P-256/SHA-256 over the UTF-8 bytes of REPORT, "simulationKey": SPKI PEM}, where
 * REPORT is the JSON text
 * {"format":"camelot-simulated-quote-v1","simulation":true,"measurement":hex,"reportData":hex,
 * "issuedAt":ISO-8601}. The key is the simulator's own, so the signature shows only that the report
 * was not altered after the simulator produced it.
 */
public final class SimulatedQuote {
    public static final String FORMAT = "camelot-simulated-quote-v1";
    static final String REPORT_FIELD = "simulatedQuote";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SimulatedQuote() {}

    static String create(KeyPair simulationKey, byte[] measurement, byte[] reportData, Instant issuedAt) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("format", FORMAT);
        report.put("simulation", true);
        report.put("measurement", HexFormat.of().formatHex(measurement));
        report.put("reportData", HexFormat.of().formatHex(reportData));
        report.put("issuedAt", issuedAt.toString());
        try {
            String reportText = JSON.writeValueAsString(report);
            Signature ecdsa = Signature.getInstance("SHA256withECDSA");
            ecdsa.initSign(simulationKey.getPrivate());
            ecdsa.update(reportText.getBytes(StandardCharsets.UTF_8));
            Map<String, String> proof = new LinkedHashMap<>();
            proof.put(REPORT_FIELD, reportText);
            proof.put("signature", Base64.getEncoder().encodeToString(ecdsa.sign()));
            proof.put("simulationKey", pem(simulationKey.getPublic()));
            return JSON.writeValueAsString(proof);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot create a simulated quote", e);
        }
    }

    static Verdict verify(JsonNode proof, VerificationContext context) {
        Findings findings = new Findings(TeeKind.SIMULATED);
        try {
            String reportText = text(proof, REPORT_FIELD);
            PublicKey key = publicKey(text(proof, "simulationKey"));
            verifySignature(key, reportText, text(proof, "signature"));
            JsonNode report = JSON.readTree(reportText);
            if (!FORMAT.equals(report.path("format").asText())) {
                throw new VerificationException(
                        FailureReason.UNSUPPORTED_EVIDENCE,
                        "simulated quote format " + report.path("format").asText());
            }
            findings.tcbStatusName = "Simulated";
            findings.measurement("MEASUREMENT", HexFormat.of().parseHex(text(report, "measurement")));
            findings.measurements.put(
                    "SIMULATION_KEY_SHA256",
                    HexFormat.of().formatHex(io.camelot.protocol.hash.Sha256.digest(key.getEncoded())));
            findings.reportData = HexFormat.of().parseHex(text(report, "reportData"));
            findings.evidenceTime = Instant.parse(text(report, "issuedAt"));
            if (findings.reportData.length != ReportDataBinding.LENGTH) {
                throw new VerificationException(FailureReason.MALFORMED_EVIDENCE, "reportData is not 64 bytes");
            }
            context.checkFreshness(findings.evidenceTime);
            ReportDataBinding.check(findings, findings.reportData, context.verificationKeyPem());
            return findings.valid();
        } catch (VerificationException e) {
            return findings.failed(e);
        } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
            return findings.failed(new VerificationException(
                    FailureReason.MALFORMED_EVIDENCE, "bad simulated quote: " + e.getMessage(), e));
        }
    }

    private static void verifySignature(PublicKey key, String reportText, String signatureBase64) {
        try {
            Signature ecdsa = Signature.getInstance("SHA256withECDSA");
            ecdsa.initVerify(key);
            ecdsa.update(reportText.getBytes(StandardCharsets.UTF_8));
            if (ecdsa.verify(Base64.getDecoder().decode(signatureBase64))) {
                return;
            }
        } catch (GeneralSecurityException e) {
            throw new VerificationException(
                    FailureReason.SIMULATION_SIGNATURE_INVALID,
                    "simulated quote signature check failed: " + e.getMessage(),
                    e);
        }
        throw new VerificationException(
                FailureReason.SIMULATION_SIGNATURE_INVALID, "simulated quote signature does not verify");
    }

    private static PublicKey publicKey(String pem) {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("EC")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException e) {
            throw new VerificationException(FailureReason.MALFORMED_EVIDENCE, "bad simulationKey", e);
        }
    }

    private static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new VerificationException(FailureReason.MALFORMED_EVIDENCE, "simulated quote has no " + field);
        }
        return value.asText();
    }
}
