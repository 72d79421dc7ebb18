package io.camelot.attestation;

import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

/**
 * Validates a certificate chain against one pinned root at a given time. Small and explicit rather
 * than PKIX, so each failure names the certificate and the check.
 */
final class CertificateChain {
    private CertificateChain() {}

    /**
     * @param chain leaf first; a trailing copy of the root is allowed and ignored
     * @param crls CRLs already checked for signature and currency; a certificate is looked up in the
     *     one its issuer signed
     * @return the chain without the root, leaf first
     */
    static List<X509Certificate> validate(
            String what, List<X509Certificate> chain, X509Certificate root, Instant at, List<X509CRL> crls) {
        List<X509Certificate> path = new ArrayList<>(chain);
        if (!path.isEmpty() && sameCertificate(path.getLast(), root)) {
            path.removeLast();
        }
        if (path.isEmpty()) {
            throw new VerificationException(FailureReason.CERT_CHAIN_UNTRUSTED, what + ": empty chain");
        }
        checkTime(what + " root", root, at);
        for (int i = 0; i < path.size(); i++) {
            X509Certificate cert = path.get(i);
            X509Certificate issuer = i + 1 < path.size() ? path.get(i + 1) : root;
            String name =
                    what + " certificate " + cert.getSubjectX500Principal().getName();
            if (!cert.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
                throw new VerificationException(
                        FailureReason.CERT_CHAIN_UNTRUSTED,
                        name
                                + " is issued by "
                                + cert.getIssuerX500Principal().getName()
                                + ", not by "
                                + issuer.getSubjectX500Principal().getName());
            }
            if (issuer != root && issuer.getBasicConstraints() < 0) {
                throw new VerificationException(
                        FailureReason.CERT_CHAIN_UNTRUSTED, name + " is issued by a non-CA certificate");
            }
            try {
                cert.verify(issuer.getPublicKey());
            } catch (GeneralSecurityException e) {
                throw new VerificationException(
                        FailureReason.CERT_CHAIN_UNTRUSTED, name + " signature does not verify with its issuer key");
            }
            checkTime(name, cert, at);
            for (X509CRL crl : crls) {
                if (crl.getIssuerX500Principal().equals(cert.getIssuerX500Principal()) && crl.isRevoked(cert)) {
                    throw new VerificationException(
                            FailureReason.CERT_REVOKED,
                            name + " (serial " + cert.getSerialNumber().toString(16) + ") is revoked");
                }
            }
        }
        return List.copyOf(path);
    }

    /** Checks a CRL is signed by {@code issuer} and current at {@code at}. */
    static void checkCrl(String what, X509CRL crl, X509Certificate issuer, Instant at) {
        if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            throw new VerificationException(
                    FailureReason.CRL_INVALID,
                    what
                            + " is issued by "
                            + crl.getIssuerX500Principal().getName()
                            + ", expected "
                            + issuer.getSubjectX500Principal().getName());
        }
        try {
            crl.verify(issuer.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new VerificationException(FailureReason.CRL_INVALID, what + " signature does not verify");
        }
        Date now = Date.from(at);
        if (now.before(crl.getThisUpdate()) || (crl.getNextUpdate() != null && now.after(crl.getNextUpdate()))) {
            throw new VerificationException(
                    FailureReason.CRL_NOT_CURRENT,
                    what
                            + " is current from "
                            + crl.getThisUpdate().toInstant()
                            + " to "
                            + (crl.getNextUpdate() == null
                                    ? "forever"
                                    : crl.getNextUpdate().toInstant())
                            + ", not at "
                            + at);
        }
    }

    private static void checkTime(String name, X509Certificate cert, Instant at) {
        Date now = Date.from(at);
        if (now.before(cert.getNotBefore()) || now.after(cert.getNotAfter())) {
            throw new VerificationException(
                    FailureReason.CERT_NOT_VALID_AT_TIME,
                    name
                            + " is valid from "
                            + cert.getNotBefore().toInstant()
                            + " to "
                            + cert.getNotAfter().toInstant()
                            + ", not at "
                            + at);
        }
    }

    private static boolean sameCertificate(X509Certificate a, X509Certificate b) {
        try {
            return Arrays.equals(a.getEncoded(), b.getEncoded());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
