package io.camelot.attestation;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * An "Intel-like" DCAP PKI made with BouncyCastle: a self-signed Root CA, a PCK Platform CA, a PCK
 * leaf carrying Intel's SGX extension, and a TCB Signing certificate, with Intel's names and
 * extensions, plus CRLs and PCS-style signed JSON. Every date is fixed so that everything is valid
 * at {@link #AT}; tests then break one thing at a time.
 */
final class SyntheticDcapPki {
    static final Instant AT = Instant.parse("2025-03-01T00:00:00Z");

    /** Start and end of the collateral window around {@link #AT}, like PCS's 30-day updates. */
    static final Instant ISSUED = Instant.parse("2025-02-25T00:00:00Z");

    static final Instant NEXT_UPDATE = Instant.parse("2025-03-27T00:00:00Z");
    static final Instant CERTS_FROM = Instant.parse("2024-01-01T00:00:00Z");
    static final Instant CERTS_UNTIL = Instant.parse("2031-01-01T00:00:00Z");

    static final String ROOT_NAME = "CN=Intel SGX Root CA,O=Intel Corporation,L=Santa Clara,ST=CA,C=US";
    static final String PCK_CA_NAME = "CN=Intel SGX PCK Platform CA,O=Intel Corporation,L=Santa Clara,ST=CA,C=US";
    static final String PCK_NAME = "CN=Intel SGX PCK Certificate,O=Intel Corporation,L=Santa Clara,ST=CA,C=US";
    static final String TCB_SIGNING_NAME = "CN=Intel SGX TCB Signing,O=Intel Corporation,L=Santa Clara,ST=CA,C=US";

    static final String FMSPC = "00906ED50000";
    static final String PCE_ID = "0000";

    /** The PCK certificate's TCB: the 16 SGX component SVNs and the PCE SVN. */
    static final int[] PLATFORM_SVNS = {5, 5, 2, 2, 3, 1, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0};

    static final int PLATFORM_PCE_SVN = 13;

    private static final String SGX_EXTENSION = PckExtensions.SGX_EXTENSIONS;
    private static final HexFormat HEX = HexFormat.of();
    private static final AtomicLong SERIALS = new AtomicLong(0x1000);

    final KeyPair rootKey = newKey();
    final KeyPair pckCaKey = newKey();
    final KeyPair pckKey = newKey();
    final KeyPair tcbSigningKey = newKey();
    final X509Certificate root = selfSigned(ROOT_NAME, rootKey, CERTS_FROM, Instant.parse("2049-12-31T23:59:59Z"));
    final X509Certificate pckCa =
            issue(PCK_CA_NAME, pckCaKey.getPublic(), root, rootKey.getPrivate(), CERTS_FROM, CERTS_UNTIL, true);
    final X509Certificate pck = pck(PLATFORM_SVNS, PLATFORM_PCE_SVN, FMSPC, CERTS_FROM, CERTS_UNTIL);
    final X509Certificate tcbSigning = issue(
            TCB_SIGNING_NAME, tcbSigningKey.getPublic(), root, rootKey.getPrivate(), CERTS_FROM, CERTS_UNTIL, false);

    static KeyPair newKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A PCK leaf for {@link #pckKey}, issued by the PCK CA, with this TCB and FMSPC in its SGX
     * extension.
     */
    X509Certificate pck(int[] svns, int pceSvn, String fmspc, Instant notBefore, Instant notAfter) {
        return issue(
                PCK_NAME,
                pckKey.getPublic(),
                pckCa,
                pckCaKey.getPrivate(),
                notBefore,
                notAfter,
                false,
                new Extension(new ASN1ObjectIdentifier(SGX_EXTENSION), false, sgxExtension(svns, pceSvn, fmspc)));
    }

    static X509Certificate selfSigned(String name, KeyPair key, Instant notBefore, Instant notAfter) {
        // Path length 1, like Intel's root: one CA level (the PCK CAs) below it.
        return build(
                name,
                key.getPublic(),
                new X500Name(name),
                key.getPrivate(),
                notBefore,
                notAfter,
                new BasicConstraints(1));
    }

    static X509Certificate issue(
            String subject,
            PublicKey subjectKey,
            X509Certificate issuer,
            PrivateKey issuerKey,
            Instant notBefore,
            Instant notAfter,
            boolean ca,
            Extension... extra) {
        return build(
                subject,
                subjectKey,
                nameOf(issuer),
                issuerKey,
                notBefore,
                notAfter,
                ca ? new BasicConstraints(0) : new BasicConstraints(false),
                extra);
    }

    private static X509Certificate build(
            String subject,
            PublicKey subjectKey,
            X500Name issuer,
            PrivateKey issuerKey,
            Instant notBefore,
            Instant notAfter,
            BasicConstraints constraints,
            Extension... extra) {
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    issuer,
                    BigInteger.valueOf(SERIALS.incrementAndGet()),
                    Date.from(notBefore),
                    Date.from(notAfter),
                    new X500Name(subject),
                    subjectKey);
            builder.addExtension(Extension.basicConstraints, true, constraints);
            builder.addExtension(
                    Extension.keyUsage,
                    true,
                    new KeyUsage(
                            constraints.isCA()
                                    ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                                    : KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
            for (Extension extension : extra) {
                builder.addExtension(extension);
            }
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer(issuerKey)));
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Intel's SGX extension: SEQUENCE of (OID, value) for PPID, TCB (SEQUENCE of 16 component SVNs,
     * PCESVN and CPUSVN), PCE-ID, FMSPC and SGX Type, as in Intel's PCK Certificate and CRL Profile.
     */
    private static byte[] sgxExtension(int[] svns, int pceSvn, String fmspc) {
        String tcb = SGX_EXTENSION + ".2";
        List<ASN1Encodable> components = new ArrayList<>();
        byte[] cpuSvn = new byte[16];
        for (int i = 0; i < 16; i++) {
            components.add(pair(tcb + "." + (i + 1), new ASN1Integer(svns[i])));
            cpuSvn[i] = (byte) svns[i];
        }
        components.add(pair(tcb + ".17", new ASN1Integer(pceSvn)));
        components.add(pair(tcb + ".18", new DEROctetString(cpuSvn)));
        try {
            return new DERSequence(new ASN1Encodable[] {
                        pair(SGX_EXTENSION + ".1", new DEROctetString(new byte[16])),
                        pair(tcb, new DERSequence(components.toArray(ASN1Encodable[]::new))),
                        pair(SGX_EXTENSION + ".3", new DEROctetString(HEX.parseHex(PCE_ID))),
                        pair(SGX_EXTENSION + ".4", new DEROctetString(HEX.parseHex(fmspc))),
                        pair(SGX_EXTENSION + ".5", new ASN1Enumerated(0)),
                    })
                    .getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The issuer's subject as encoded: a round trip through its string form would reverse the RDN
     * order.
     */
    private static X500Name nameOf(X509Certificate issuer) {
        return X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
    }

    private static DERSequence pair(String oid, ASN1Encodable value) {
        return new DERSequence(new ASN1Encodable[] {new ASN1ObjectIdentifier(oid), value});
    }

    /** A DER CRL from {@code issuer}, listing {@code revoked} as key compromises. */
    static byte[] crl(
            X509Certificate issuer,
            PrivateKey issuerKey,
            Instant thisUpdate,
            Instant nextUpdate,
            X509Certificate... revoked) {
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(nameOf(issuer), Date.from(thisUpdate));
            builder.setNextUpdate(Date.from(nextUpdate));
            for (X509Certificate certificate : revoked) {
                builder.addCRLEntry(certificate.getSerialNumber(), Date.from(thisUpdate), CRLReason.keyCompromise);
            }
            return builder.build(signer(issuerKey)).getEncoded();
        } catch (IOException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] pem(List<X509Certificate> certificates) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (X509Certificate certificate : certificates) {
                writer.writeObject(certificate);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * A PCS document {"field": body, "signature": hex r||s}, signed over the exact body text as Intel
     * signs it.
     */
    static byte[] signedJson(String field, String body, PrivateKey key) {
        String signature = HEX.formatHex(ecdsa(key, body.getBytes(StandardCharsets.UTF_8)));
        return ("{\"" + field + "\":" + body + ",\"signature\":\"" + signature + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** ECDSA P-256 SHA-256 as quotes and PCS documents carry it: 64 bytes r||s. */
    static byte[] ecdsa(PrivateKey key, byte[] data) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
            signature.initSign(key);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ContentSigner signer(PrivateKey key) throws OperatorCreationException {
        return new JcaContentSignerBuilder("SHA256withECDSA").build(key);
    }
}
