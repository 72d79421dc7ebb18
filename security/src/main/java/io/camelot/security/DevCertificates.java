package io.camelot.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Development certificates made with BouncyCastle: a self-signed listener certificate for {@code
 * localhost}, and small CAs issuing server and client certificates for mutual-TLS tests. They are
 * for development and tests; production configures certificates from a real CA.
 */
public final class DevCertificates {
    private static final Logger log = LoggerFactory.getLogger(DevCertificates.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration VALIDITY = Duration.ofDays(365);
    public static final String CERTIFICATE_FILE = "dev-cert.pem";
    public static final String KEY_FILE = "dev-key.pem";

    private DevCertificates() {}

    /** A key pair and the certificate for its public key. */
    public record Issued(KeyPair keys, X509Certificate certificate) {
        /**
         * Writes the certificate and (owner-only) the private key as PEM (PKCS#8, which Vert.x reads).
         */
        public void write(Path certificateFile, Path keyFile) {
            PemFiles.write(certificateFile, PemFiles.toPem(certificate));
            PemFiles.writeSecret(keyFile, PemFiles.toPkcs8Pem(keys.getPrivate()));
        }
    }

    /**
     * The development certificate in {@code directory}, generated on first use: self-signed, for
     * {@code localhost}, 127.0.0.1, ::1 and the given host names. Clients trust its certificate file.
     */
    public static ServerTls ensureSelfSigned(Path directory, List<String> hostNames) {
        Path certificate = directory.resolve(CERTIFICATE_FILE);
        Path key = directory.resolve(KEY_FILE);
        if (!Files.exists(certificate) || !Files.exists(key)) {
            try {
                Files.createDirectories(directory);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + directory, e);
            }
            List<String> names = new ArrayList<>(List.of("localhost", "127.0.0.1", "::1"));
            names.addAll(hostNames);
            selfSigned(
                            "Camelot development listener (NOT FOR PRODUCTION)",
                            names.stream().distinct().toList())
                    .write(certificate, key);
            log.warn(
                    "Generated a self-signed DEVELOPMENT TLS certificate in {}; clients must trust {}",
                    directory,
                    certificate);
        }
        return new ServerTls(certificate, key, null);
    }

    /** A self-signed server certificate for the given DNS names or IP literals. */
    public static Issued selfSigned(String commonName, List<String> hostNames) {
        KeyPair keys = RequestSigner.newKeyPair();
        return sign(keys, commonName, keys, commonName, hostNames, false, KeyPurposeId.id_kp_serverAuth);
    }

    /** A self-signed CA certificate for test PKIs. */
    public static Issued certificateAuthority(String commonName) {
        KeyPair keys = RequestSigner.newKeyPair();
        return sign(keys, commonName, keys, commonName, List.of(), true, null);
    }

    /** A server certificate issued by {@code ca}. */
    public static Issued server(Issued ca, String commonName, List<String> hostNames) {
        return sign(
                RequestSigner.newKeyPair(),
                commonName,
                ca.keys(),
                subjectOf(ca),
                hostNames,
                false,
                KeyPurposeId.id_kp_serverAuth);
    }

    /** A client certificate issued by {@code ca}, for mutual TLS. */
    public static Issued client(Issued ca, String commonName) {
        return sign(
                RequestSigner.newKeyPair(),
                commonName,
                ca.keys(),
                subjectOf(ca),
                List.of(),
                false,
                KeyPurposeId.id_kp_clientAuth);
    }

    private static String subjectOf(Issued ca) {
        return new X500Name(ca.certificate().getSubjectX500Principal().getName())
                .getRDNs()[0]
                .getFirst()
                .getValue()
                .toString();
    }

    private static Issued sign(
            KeyPair subjectKeys,
            String subject,
            KeyPair issuerKeys,
            String issuer,
            List<String> hostNames,
            boolean ca,
            KeyPurposeId purpose) {
        Instant now = Instant.now();
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    new X500Name("CN=" + issuer),
                    new BigInteger(64, RANDOM).add(BigInteger.ONE),
                    Date.from(now.minus(Duration.ofMinutes(5))),
                    Date.from(now.plus(VALIDITY)),
                    new X500Name("CN=" + subject),
                    subjectKeys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(
                    Extension.keyUsage,
                    true,
                    new KeyUsage(
                            ca
                                    ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                                    : KeyUsage.digitalSignature | KeyUsage.keyAgreement));
            if (purpose != null) {
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            }
            if (!hostNames.isEmpty()) {
                builder.addExtension(
                        Extension.subjectAlternativeName,
                        false,
                        new GeneralNames(hostNames.stream()
                                .map(DevCertificates::generalName)
                                .toArray(GeneralName[]::new)));
            }
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(
                            new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
            return new Issued(subjectKeys, certificate);
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue a certificate for " + subject, e);
        }
    }

    private static GeneralName generalName(String host) {
        boolean ipLiteral = host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
        if (ipLiteral) {
            try {
                return new GeneralName(
                        GeneralName.iPAddress, InetAddress.getByName(host).getHostAddress());
            } catch (IOException e) {
                throw new IllegalArgumentException("not an IP address: " + host, e);
            }
        }
        return new GeneralName(GeneralName.dNSName, host);
    }
}
