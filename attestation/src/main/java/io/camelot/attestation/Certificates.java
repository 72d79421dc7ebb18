package io.camelot.attestation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;

/** Parses certificates and CRLs, and loads the pinned Intel roots shipped as resources. */
public final class Certificates {
    private Certificates() {}

    /** Intel SGX Root CA: trust anchor of PCK certificates and PCS collateral. */
    public static X509Certificate intelSgxRootCa() {
        return resource("intel_sgx_root_ca.pem");
    }

    /** Intel SGX Attestation Report Signing CA: trust anchor of IAS reports. */
    public static X509Certificate iasReportSigningCa() {
        return resource("ias_report_signing_ca.pem");
    }

    /** Every certificate in a PEM (or DER) text, in order. */
    public static List<X509Certificate> parseChain(byte[] encoded) {
        try {
            List<X509Certificate> chain = factory().generateCertificates(new ByteArrayInputStream(encoded)).stream()
                    .map(X509Certificate.class::cast)
                    .toList();
            if (chain.isEmpty()) {
                throw new VerificationException(FailureReason.MALFORMED_EVIDENCE, "no certificate found");
            }
            return chain;
        } catch (GeneralSecurityException e) {
            throw new VerificationException(
                    FailureReason.MALFORMED_EVIDENCE, "cannot parse certificates: " + e.getMessage(), e);
        }
    }

    public static List<X509Certificate> parseChain(String pem) {
        return parseChain(pem.getBytes(StandardCharsets.US_ASCII));
    }

    public static X509CRL parseCrl(byte[] encoded) {
        try {
            return (X509CRL) factory().generateCRL(new ByteArrayInputStream(encoded));
        } catch (GeneralSecurityException e) {
            throw new VerificationException(FailureReason.MALFORMED_EVIDENCE, "cannot parse CRL: " + e.getMessage(), e);
        }
    }

    private static X509Certificate resource(String name) {
        try (InputStream in = Certificates.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return parseChain(in.readAllBytes()).getFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CertificateFactory factory() throws GeneralSecurityException {
        return CertificateFactory.getInstance("X.509");
    }
}
