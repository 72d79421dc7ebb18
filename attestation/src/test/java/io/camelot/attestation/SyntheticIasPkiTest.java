package io.camelot.attestation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An "Intel-like" IAS PKI made here with BouncyCastle, to reach the branches genuine data cannot.
 */
class SyntheticIasPkiTest {
    private static final Instant NOT_BEFORE = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant NOT_AFTER = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant AT = Instant.parse("2024-06-01T00:10:00Z");
    private static final String WORKER_KEY = "-----BEGIN PUBLIC KEY-----\nworker\n-----END PUBLIC KEY-----\n";

    static KeyPair caKey;
    static KeyPair leafKey;
    static X509Certificate ca;
    static X509Certificate leaf;

    @BeforeAll
    static void makePki() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        caKey = rsa.generateKeyPair();
        leafKey = rsa.generateKeyPair();
        ca = certificate("CN=Test Report Signing CA", "CN=Test Report Signing CA", caKey, caKey.getPrivate(), true);
        leaf = certificate("CN=Test Report Signing", "CN=Test Report Signing CA", leafKey, caKey.getPrivate(), false);
    }

    @Test
    void aWellFormedReportBoundToTheWorkerKeyVerifies() throws Exception {
        Verdict verdict = verify(okReport("2024-06-01T00:00:00"), leafKey, AT);
        assertThat(verdict.reasonText()).isEqualTo("valid");
        assertThat(verdict.keyBinding()).isEqualTo(Verdict.KeyBinding.BOUND);
    }

    @Test
    void reportDataForAnotherKeyIsAKeyBindingMismatch() throws Exception {
        Verdict verdict = verify(report("OK", ReportDataBinding.of("other"), "2024-06-01T00:00:00"), leafKey, AT);
        assertThat(verdict.failure()).isEqualTo(FailureReason.KEY_BINDING_MISMATCH);
        assertThat(verdict.keyBinding()).isEqualTo(Verdict.KeyBinding.MISMATCH);
    }

    @Test
    void aSignatureByAKeyOtherThanTheCertifiedOneFails() throws Exception {
        KeyPair stranger = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        assertThat(verify(okReport("2024-06-01T00:00:00"), stranger, AT).failure())
                .isEqualTo(FailureReason.REPORT_SIGNATURE_INVALID);
    }

    @Test
    void aChainToAnotherRootIsUntrusted() throws Exception {
        byte[] body = okReport("2024-06-01T00:00:00");
        Verdict verdict = new IasReportVerifier().verify(evidence(body, leafKey), context(AT));
        assertThat(verdict.failure()).isEqualTo(FailureReason.CERT_CHAIN_UNTRUSTED);
    }

    @Test
    void anExpiredSigningCertificateIsRejected() throws Exception {
        Instant later = Instant.parse("2025-02-01T00:00:00Z");
        assertThat(verify(okReport("2025-01-31T00:00:00"), leafKey, later).failure())
                .isEqualTo(FailureReason.CERT_NOT_VALID_AT_TIME);
    }

    @Test
    void aReportFromTheFutureOrTooOldIsNotFresh() throws Exception {
        byte[] future = okReport("2024-06-02T00:00:00");
        assertThat(verify(future, leafKey, AT).failure()).isEqualTo(FailureReason.REPORT_NOT_FRESH);
        byte[] old = okReport("2024-05-01T00:00:00");
        Verdict verdict = new IasReportVerifier(ca)
                .verify(evidence(old, leafKey), context(AT).withMaxReportAge(java.time.Duration.ofDays(1)));
        assertThat(verdict.failure()).isEqualTo(FailureReason.REPORT_NOT_FRESH);
    }

    @Test
    void invalidQuoteStatusesAreRevoked() throws Exception {
        for (String status : new String[] {"SIGNATURE_INVALID", "GROUP_REVOKED", "KEY_REVOKED"}) {
            Verdict verdict =
                    verify(report(status, ReportDataBinding.of(WORKER_KEY), "2024-06-01T00:00:00"), leafKey, AT);
            assertThat(verdict.failure()).as(status).isEqualTo(FailureReason.TCB_REVOKED);
            assertThat(verdict.tcbStatusName()).isEqualTo(status);
        }
    }

    @Test
    void aBodyThatIsNotAReportIsMalformed() throws Exception {
        assertThat(verify("[1,2]".getBytes(StandardCharsets.UTF_8), leafKey, AT).failure())
                .isEqualTo(FailureReason.MALFORMED_EVIDENCE);
    }

    private static Verdict verify(byte[] body, KeyPair signer, Instant at) throws Exception {
        return new IasReportVerifier(ca).verify(evidence(body, signer), context(at));
    }

    private static VerificationContext context(Instant at) {
        return VerificationContext.at(at).boundTo(WORKER_KEY);
    }

    private static IasEvidence evidence(byte[] body, KeyPair signer) throws Exception {
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(signer.getPrivate());
        rsa.update(body);
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(leaf);
            writer.writeObject(ca);
        }
        return new IasEvidence(body, Base64.getEncoder().encodeToString(rsa.sign()), pem.toString());
    }

    /** An IAS-shaped report whose quote body carries {@code reportData} at offset 48 + 320. */
    /** A report with status OK that binds {@link #WORKER_KEY}, issued at {@code timestamp}. */
    static byte[] okReport(String timestamp) {
        return report("OK", ReportDataBinding.of(WORKER_KEY), timestamp);
    }

    static byte[] report(String status, byte[] reportData, String timestamp) {
        byte[] quote = new byte[432];
        System.arraycopy(reportData, 0, quote, 48 + 320, 64);
        return ("{\"id\":\"1\",\"timestamp\":\""
                        + timestamp
                        + "\",\"version\":4,\"isvEnclaveQuoteStatus\":\""
                        + status
                        + "\",\"isvEnclaveQuoteBody\":\""
                        + Base64.getEncoder().encodeToString(quote)
                        + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static X509Certificate certificate(
            String subject, String issuer, KeyPair subjectKey, PrivateKey issuerKey, boolean isCa) throws Exception {
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                new X500Name(issuer),
                BigInteger.valueOf(subject.hashCode() & 0x7fffffff),
                Date.from(NOT_BEFORE),
                Date.from(NOT_AFTER),
                new X500Name(subject),
                subjectKey.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey)));
    }
}
