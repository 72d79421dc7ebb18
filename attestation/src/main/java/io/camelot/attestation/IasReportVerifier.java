package io.camelot.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;

/**
 * Verifies IAS (EPID) attestation verification reports: the signing certificate chains to Intel's
 * Attestation Report Signing CA, the RSA-SHA256 signature covers the exact body bytes, and the
 * body's quote carries the expected nonce, freshness and key binding. Quote status is reported, not
 * judged: that is policy.
 */
public final class IasReportVerifier {
    /** Offset of the report body in an EPID quote (sgx_quote_t): version .. basename. */
    private static final int QUOTE_HEADER_LENGTH = 48;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final X509Certificate root;

    public IasReportVerifier() {
        this(Certificates.iasReportSigningCa());
    }

    /** With another trust anchor: for tests with a synthetic PKI. */
    public IasReportVerifier(X509Certificate root) {
        this.root = root;
    }

    public Verdict verify(IasEvidence evidence, VerificationContext context) {
        Findings findings = new Findings(TeeKind.SGX_EPID);
        try {
            check(evidence, context, findings);
            return findings.valid();
        } catch (VerificationException e) {
            return findings.failed(e);
        }
    }

    private void check(IasEvidence evidence, VerificationContext context, Findings findings) {
        List<X509Certificate> chain = Certificates.parseChain(evidence.certificatesPem());
        CertificateChain.validate("IAS signing", chain, root, context.at(), List.of());
        verifySignature(evidence, chain.getFirst());

        JsonNode report = parse(evidence.body());
        String status = text(report, "isvEnclaveQuoteStatus");
        findings.tcbStatusName = status;
        findings.tcbStatus = TcbStatus.ofIasQuoteStatus(status);
        report.path("advisoryIDs").forEach(id -> findings.advisoryIds.add(id.asText()));
        byte[] quote = base64(text(report, "isvEnclaveQuoteBody"), "isvEnclaveQuoteBody");
        SgxReportBody.parse(quote, QUOTE_HEADER_LENGTH).record(findings);
        findings.evidenceTime = timestamp(text(report, "timestamp"));

        if (findings.tcbStatus == TcbStatus.REVOKED) {
            throw new VerificationException(FailureReason.TCB_REVOKED, "IAS judged the quote " + status);
        }
        if (context.expectedNonce() != null
                && !context.expectedNonce().equals(report.path("nonce").asText(null))) {
            throw new VerificationException(
                    FailureReason.NONCE_MISMATCH,
                    "report nonce " + report.path("nonce").asText("(none)") + ", expected " + context.expectedNonce());
        }
        context.checkFreshness(findings.evidenceTime);
        ReportDataBinding.check(findings, findings.reportData, context.verificationKeyPem());
    }

    private static void verifySignature(IasEvidence evidence, X509Certificate signer) {
        byte[] signature = base64(evidence.signatureBase64(), "X-IASReport-Signature");
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(signer.getPublicKey());
            rsa.update(evidence.body());
            if (!rsa.verify(signature)) {
                throw new VerificationException(
                        FailureReason.REPORT_SIGNATURE_INVALID,
                        "RSA-SHA256 signature over the report body does not verify");
            }
        } catch (GeneralSecurityException e) {
            throw new VerificationException(
                    FailureReason.REPORT_SIGNATURE_INVALID, "signature check failed: " + e.getMessage(), e);
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new VerificationException(FailureReason.MALFORMED_EVIDENCE, "report body is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new VerificationException(FailureReason.MALFORMED_EVIDENCE, "report body is not JSON", e);
        }
    }

    private static String text(JsonNode report, String field) {
        JsonNode value = report.get(field);
        if (value == null || !value.isTextual()) {
            throw new VerificationException(FailureReason.MALFORMED_EVIDENCE, "report has no " + field);
        }
        return value.asText();
    }

    private static byte[] base64(String text, String what) {
        try {
            return Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new VerificationException(FailureReason.MALFORMED_EVIDENCE, what + " is not base64", e);
        }
    }

    /** IAS timestamps are UTC without a zone: "2019-11-16T17:23:27.854380". */
    private static Instant timestamp(String text) {
        try {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new VerificationException(FailureReason.MALFORMED_EVIDENCE, "bad report timestamp " + text, e);
        }
    }
}
