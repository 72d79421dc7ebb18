package io.camelot.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Verifies the evidence a worker record publishes ({@code proofDataType}, {@code proofData}),
 * whichever kind it is. Used by requesters before trusting a worker and by a WKM before admitting a
 * pool member. proofData layouts: Avalon's EPID and DCAP objects, and {@link SimulatedQuote}.
 */
public final class ProofDataVerifier {
    static final String AVALON_REPORT = "verification_report";
    static final String COLLATERAL = "collateral";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final IasReportVerifier ias;
    private final DcapQuoteVerifier dcap;

    public ProofDataVerifier() {
        this(new IasReportVerifier(), new DcapQuoteVerifier());
    }

    public ProofDataVerifier(IasReportVerifier ias, DcapQuoteVerifier dcap) {
        this.ias = ias;
        this.dcap = dcap;
    }

    /**
     * @param proofData the JSON string from the record; empty (Avalon simulation mode) yields a
     *     SIMULATED verdict failing with NO_EVIDENCE
     */
    public Verdict verify(String proofDataType, String proofData, VerificationContext context) {
        TeeKind declared = TeeKind.ofProofDataType(proofDataType);
        if (proofData == null || proofData.isBlank()) {
            return failure(TeeKind.SIMULATED, FailureReason.NO_EVIDENCE, "proofData is empty");
        }
        JsonNode proof;
        try {
            proof = JSON.readTree(proofData);
        } catch (IOException e) {
            proof = null;
        }
        TeeKind kind = declared != null ? declared : TeeKind.SGX_DCAP;
        if (proof == null || !proof.isObject()) {
            return failure(kind, FailureReason.MALFORMED_EVIDENCE, "proofData is not a JSON object");
        }
        if (proof.has(SimulatedQuote.REPORT_FIELD)) {
            return SimulatedQuote.verify(proof, context);
        }
        if (proof.has("ias_report_signature")) {
            return ias.verify(
                    new IasEvidence(
                            proof.path(AVALON_REPORT).asText().getBytes(StandardCharsets.UTF_8),
                            proof.path("ias_report_signature").asText(),
                            proof.path("ias_report_signing_certificate").asText()),
                    context);
        }
        if (proof.has(AVALON_REPORT)) {
            byte[] quote;
            try {
                quote = Base64.getDecoder().decode(proof.path(AVALON_REPORT).asText());
            } catch (IllegalArgumentException e) {
                return failure(kind, FailureReason.MALFORMED_EVIDENCE, "verification_report is not base64");
            }
            if (!proof.has(COLLATERAL)) {
                return failure(
                        DcapQuote.peekKind(quote),
                        FailureReason.MISSING_COLLATERAL,
                        "the DCAP proofData carries no PCS collateral");
            }
            try {
                return dcap.verify(quote, DcapCollateral.fromJson(proof.get(COLLATERAL)), context);
            } catch (VerificationException e) {
                return failure(DcapQuote.peekKind(quote), e.reason(), e.getMessage());
            }
        }
        return failure(kind, FailureReason.UNSUPPORTED_EVIDENCE, "proofData has no known evidence field");
    }

    private static Verdict failure(TeeKind kind, FailureReason reason, String detail) {
        return new Findings(kind).failed(new VerificationException(reason, detail));
    }
}
