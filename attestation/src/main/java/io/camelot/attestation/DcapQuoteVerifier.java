package io.camelot.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.protocol.hash.Sha256;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Verifies SGX and TDX ECDSA (DCAP) quotes against PCS collateral, the way Intel's Quote
 * Verification Library does: quote signed by the attestation key, which the QE report binds; QE
 * report signed by the PCK key; PCK chain to the Intel SGX Root CA with CRLs; TCB Info and QE
 * Identity signed and current; the TCB status from the PCK certificate's TCB and the quote's TEE
 * TCB SVN. Judging that status is left to policy.
 */
public final class DcapQuoteVerifier {
    private static final HexFormat HEX = HexFormat.of();

    private final X509Certificate root;

    public DcapQuoteVerifier() {
        this(Certificates.intelSgxRootCa());
    }

    /** With another trust anchor: for tests with a synthetic PKI. */
    public DcapQuoteVerifier(X509Certificate root) {
        this.root = root;
    }

    public Verdict verify(byte[] quoteBytes, DcapCollateral collateral, VerificationContext context) {
        Findings findings = new Findings(DcapQuote.peekKind(quoteBytes));
        try {
            check(DcapQuote.parse(quoteBytes), collateral, context, findings);
            return findings.valid();
        } catch (VerificationException e) {
            return findings.failed(e);
        }
    }

    private void check(DcapQuote quote, DcapCollateral collateral, VerificationContext context, Findings findings) {
        if (quote.enclaveReport() != null) {
            quote.enclaveReport().record(findings);
        } else {
            quote.tdReport().record(findings);
        }
        Instant at = context.at();
        verifyEcdsa(
                rawP256Key(quote.attestationKey()),
                quote.signedBytes(),
                quote.signature(),
                FailureReason.QUOTE_SIGNATURE_INVALID,
                "quote signature does not verify with the attestation key");
        X509Certificate pck = quote.pckChain().getFirst();
        verifyEcdsa(
                pck.getPublicKey(),
                quote.qeReportBytes(),
                quote.qeReportSignature(),
                FailureReason.QE_REPORT_SIGNATURE_INVALID,
                "QE report signature does not verify with the PCK key");
        checkAttestationKeyBinding(quote);
        if (collateral == null) {
            throw new VerificationException(FailureReason.MISSING_COLLATERAL, "no PCS collateral given");
        }

        X509CRL rootCrl = Certificates.parseCrl(collateral.rootCaCrl());
        CertificateChain.checkCrl("Root CA CRL", rootCrl, root, at);
        List<X509Certificate> crlIssuers = CertificateChain.validate(
                "PCK CRL issuer", Certificates.parseChain(collateral.pckCrlIssuerChain()), root, at, List.of(rootCrl));
        X509CRL pckCrl = Certificates.parseCrl(collateral.pckCrl());
        CertificateChain.checkCrl("PCK CRL", pckCrl, crlIssuers.getFirst(), at);
        CertificateChain.validate("PCK", quote.pckChain(), root, at, List.of(rootCrl, pckCrl));
        if (!pck.getIssuerX500Principal().equals(pckCrl.getIssuerX500Principal())) {
            throw new VerificationException(
                    FailureReason.CRL_INVALID,
                    "the PCK CRL is issued by "
                            + pckCrl.getIssuerX500Principal().getName()
                            + ", not by the PCK certificate's issuer "
                            + pck.getIssuerX500Principal().getName());
        }

        SignedCollateral tcbInfo = SignedCollateral.parse("TCB Info", collateral.tcbInfo(), "tcbInfo");
        verifyCollateral(tcbInfo, collateral.tcbInfoIssuerChain(), rootCrl, at);
        SignedCollateral qeIdentity = SignedCollateral.parse("QE Identity", collateral.qeIdentity(), "enclaveIdentity");
        verifyCollateral(qeIdentity, collateral.qeIdentityIssuerChain(), rootCrl, at);

        PckExtensions platform = PckExtensions.of(pck);
        TcbStatus platformStatus = platformTcbStatus(quote, platform, tcbInfo, findings);
        TcbStatus qeStatus = qeTcbStatus(quote, qeIdentity, findings);
        TcbStatus status = platformStatus.combine(qeStatus);
        if (quote.tdReport() != null) {
            status = status.combine(tdxModuleStatus(quote.tdReport(), tcbInfo, findings));
        }
        findings.tcbStatus = status;
        findings.tcbStatusName = status.intelName();
        if (status == TcbStatus.REVOKED) {
            throw new VerificationException(FailureReason.TCB_REVOKED, "the TCB status is Revoked");
        }
        ReportDataBinding.check(findings, quote.reportData(), context.verificationKeyPem());
    }

    /** QE report data must be SHA-256(attestation key ‖ QE auth data) followed by 32 zero bytes. */
    private static void checkAttestationKeyBinding(DcapQuote quote) {
        byte[] expected = Arrays.copyOf(Sha256.digestConcat(quote.attestationKey(), quote.qeAuthData()), 64);
        if (!MessageDigest.isEqual(expected, quote.qeReport().reportData())) {
            throw new VerificationException(
                    FailureReason.ATTESTATION_KEY_NOT_BOUND,
                    "QE report data is not SHA-256(attestation key ‖ QE auth data) ‖ zeros");
        }
    }

    private void verifyCollateral(SignedCollateral document, byte[] issuerChain, X509CRL rootCrl, Instant at) {
        List<X509Certificate> signers = CertificateChain.validate(
                document.what() + " signer", Certificates.parseChain(issuerChain), root, at, List.of(rootCrl));
        // Intel issues the TCB Signing certificate straight from the root. A PCK certificate chains to
        // the root too, via its CA, and its key may have been extracted from the very platform judged.
        if (signers.size() != 1) {
            throw new VerificationException(
                    FailureReason.COLLATERAL_SIGNATURE_INVALID,
                    document.what()
                            + " signer "
                            + signers.getFirst().getSubjectX500Principal().getName()
                            + " is not issued directly by the root, as the TCB Signing certificate is");
        }
        document.verify(signers.getFirst(), at);
    }

    private static TcbStatus qeTcbStatus(DcapQuote quote, SignedCollateral identity, Findings findings) {
        JsonNode qe = identity.content();
        String expectedId = quote.kind() == TeeKind.TDX_DCAP ? "TD_QE" : "QE";
        if (qe.has("id") && !qe.get("id").asText().equals(expectedId)) {
            throw new VerificationException(
                    FailureReason.COLLATERAL_MISMATCH,
                    "QE Identity is for " + qe.get("id").asText() + ", the quote needs " + expectedId);
        }
        SgxReportBody report = quote.qeReport();
        int miscMask = (int) Long.parseLong(identity.text("miscselectMask"), 16);
        int miscSelect = (int) Long.parseLong(identity.text("miscselect"), 16);
        if ((report.miscSelect() & miscMask) != miscSelect) {
            throw mismatch("MISCSELECT");
        }
        byte[] attributesMask = HEX.parseHex(identity.text("attributesMask"));
        byte[] attributes = HEX.parseHex(identity.text("attributes"));
        for (int i = 0; i < attributes.length; i++) {
            if ((report.attributes()[i] & attributesMask[i]) != attributes[i]) {
                throw mismatch("ATTRIBUTES");
            }
        }
        if (!Arrays.equals(report.mrSigner(), HEX.parseHex(identity.text("mrsigner")))) {
            throw mismatch("MRSIGNER");
        }
        if (report.isvProdId() != Integer.parseInt(identity.text("isvprodid"))) {
            throw mismatch("ISVPRODID");
        }
        return firstLevelReached(
                qe.path("tcbLevels"),
                report.isvSvn(),
                findings,
                "QE isvsvn " + report.isvSvn() + " is below every QE Identity TCB level");
    }

    private static TcbStatus platformTcbStatus(
            DcapQuote quote, PckExtensions platform, SignedCollateral tcbInfo, Findings findings) {
        JsonNode info = tcbInfo.content();
        String expectedId = quote.kind() == TeeKind.TDX_DCAP ? "TDX" : "SGX";
        String id = info.path("id").asText("SGX");
        if (!id.equals(expectedId)) {
            throw new VerificationException(
                    FailureReason.COLLATERAL_MISMATCH, "TCB Info is for " + id + ", the quote needs " + expectedId);
        }
        if (!HEX.formatHex(platform.fmspc()).equalsIgnoreCase(tcbInfo.text("fmspc"))
                || !HEX.formatHex(platform.pceId()).equalsIgnoreCase(tcbInfo.text("pceId"))) {
            throw new VerificationException(
                    FailureReason.COLLATERAL_MISMATCH,
                    "TCB Info is for FMSPC "
                            + tcbInfo.text("fmspc")
                            + " PCE ID "
                            + tcbInfo.text("pceId")
                            + ", the PCK certificate has "
                            + HEX.formatHex(platform.fmspc())
                            + " "
                            + HEX.formatHex(platform.pceId()));
        }
        List<TcbLevel> levels = new ArrayList<>();
        int version = info.path("version").asInt();
        try {
            for (JsonNode level : info.path("tcbLevels")) {
                levels.add(TcbLevel.parse(level, version));
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new VerificationException(FailureReason.MALFORMED_EVIDENCE, "TCB Info has a bad TCB level", e);
        }
        for (int i = 0; i < levels.size(); i++) {
            TcbLevel level = levels.get(i);
            boolean tdxMatches =
                    quote.tdReport() == null || (level.tdxSvns() != null && level.matchesTdx(quote.tdReport()));
            if (level.matchesSgx(platform) && tdxMatches) {
                findings.advisoryIds.addAll(level.advisoryIds());
                if (level.status() != TcbStatus.UP_TO_DATE && i > 0) {
                    findings.outdatedSince = levels.get(i - 1).tcbDate();
                }
                return level.status();
            }
        }
        throw new VerificationException(
                FailureReason.TCB_NOT_SUPPORTED,
                "no TCB level matches the platform (PCK TCB "
                        + Arrays.toString(platform.componentSvns())
                        + " pcesvn "
                        + platform.pceSvn()
                        + ")");
    }

    /**
     * TDX module identity: the module signer and attributes, and its own TCB levels from version 1.
     */
    private static TcbStatus tdxModuleStatus(TdReportBody report, SignedCollateral tcbInfo, Findings findings) {
        JsonNode info = tcbInfo.content();
        JsonNode module = info.path("tdxModule");
        if (report.moduleVersion() > 0) {
            String id = String.format("TDX_%02X", report.moduleVersion());
            module = null;
            for (JsonNode identity : info.path("tdxModuleIdentities")) {
                if (identity.path("id").asText().equals(id)) {
                    module = identity;
                }
            }
            if (module == null) {
                throw new VerificationException(
                        FailureReason.TDX_MODULE_MISMATCH, "TCB Info has no module identity " + id);
            }
        }
        if (module.isMissingNode()) {
            throw new VerificationException(FailureReason.COLLATERAL_MISMATCH, "TCB Info has no tdxModule");
        }
        if (!Arrays.equals(
                report.mrSignerSeam(), HEX.parseHex(module.path("mrsigner").asText()))) {
            throw new VerificationException(
                    FailureReason.TDX_MODULE_MISMATCH, "MRSIGNERSEAM differs from the TCB Info");
        }
        byte[] mask = HEX.parseHex(module.path("attributesMask").asText());
        byte[] attributes = HEX.parseHex(module.path("attributes").asText());
        for (int i = 0; i < attributes.length; i++) {
            if ((report.seamAttributes()[i] & mask[i]) != attributes[i]) {
                throw new VerificationException(
                        FailureReason.TDX_MODULE_MISMATCH, "SEAM attributes differ from the TCB Info");
            }
        }
        if (report.moduleVersion() == 0) {
            return TcbStatus.UP_TO_DATE;
        }
        return firstLevelReached(
                module.path("tcbLevels"),
                report.moduleIsvSvn(),
                findings,
                "TDX module SVN " + report.moduleIsvSvn() + " is below every module TCB level");
    }

    /**
     * The status of the first of {@code levels} (best first) whose isvsvn {@code svn} reaches, with
     * that level's advisories recorded.
     *
     * @throws VerificationException TCB_NOT_SUPPORTED with {@code belowEvery} if it reaches none
     */
    private static TcbStatus firstLevelReached(JsonNode levels, int svn, Findings findings, String belowEvery) {
        for (JsonNode level : levels) {
            if (svn >= level.path("tcb").path("isvsvn").asInt()) {
                level.path("advisoryIDs").forEach(id -> findings.advisoryIds.add(id.asText()));
                return parseStatus(level.path("tcbStatus").asText());
            }
        }
        throw new VerificationException(FailureReason.TCB_NOT_SUPPORTED, belowEvery);
    }

    private static TcbStatus parseStatus(String name) {
        try {
            return TcbStatus.parse(name);
        } catch (IllegalArgumentException e) {
            throw new VerificationException(FailureReason.MALFORMED_EVIDENCE, "unknown TCB status " + name, e);
        }
    }

    private static VerificationException mismatch(String field) {
        return new VerificationException(
                FailureReason.QE_IDENTITY_MISMATCH, "QE report " + field + " does not match the QE Identity");
    }

    private static void verifyEcdsa(
            PublicKey key, byte[] data, byte[] signature, FailureReason reason, String message) {
        try {
            Signature ecdsa = Signature.getInstance("SHA256withECDSAinP1363Format");
            ecdsa.initVerify(key);
            ecdsa.update(data);
            if (ecdsa.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            throw new VerificationException(reason, message + ": " + e.getMessage(), e);
        }
        throw new VerificationException(reason, message);
    }

    /** The attestation key as the quote carries it: the 64 raw bytes x ‖ y of a P-256 point. */
    private static PublicKey rawP256Key(byte[] xy) {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            ECPoint point = new ECPoint(
                    new BigInteger(1, Arrays.copyOf(xy, 32)), new BigInteger(1, Arrays.copyOfRange(xy, 32, 64)));
            return KeyFactory.getInstance("EC")
                    .generatePublic(new ECPublicKeySpec(point, parameters.getParameterSpec(ECParameterSpec.class)));
        } catch (GeneralSecurityException e) {
            throw new VerificationException(
                    FailureReason.QUOTE_SIGNATURE_INVALID, "the attestation key is not a P-256 point", e);
        }
    }
}
