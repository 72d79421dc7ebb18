package io.camelot.security;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECPublicKeySpec;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.jcajce.provider.asymmetric.util.EC5Util;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.util.io.pem.PemGenerationException;

/** Reads and writes the PEM files this module deals in: public keys, private keys, certificates. */
public final class PemFiles {
    private static final JcaPEMKeyConverter CONVERTER = new JcaPEMKeyConverter();

    private PemFiles() {}

    /**
     * Every public key in a PEM file: {@code PUBLIC KEY} blocks, or the key of a {@code CERTIFICATE}.
     *
     * @throws IllegalArgumentException naming the file if it holds anything else or nothing
     */
    public static List<PublicKey> readPublicKeys(Path file) {
        List<PublicKey> keys = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(reader)) {
            for (Object block = parser.readObject(); block != null; block = parser.readObject()) {
                SubjectPublicKeyInfo info = switch (block) {
                    case SubjectPublicKeyInfo spki -> spki;
                    case X509CertificateHolder certificate -> certificate.getSubjectPublicKeyInfo();
                    default ->
                        throw new IllegalArgumentException(file
                                + " holds a "
                                + block.getClass().getSimpleName()
                                + " where a public key was expected");
                };
                keys.add(CONVERTER.getPublicKey(info));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read public keys from " + file + ": " + e.getMessage(), e);
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no PEM public key");
        }
        return List.copyOf(keys);
    }

    /** The private key of a PEM file ({@code PRIVATE KEY} or {@code EC PRIVATE KEY}). */
    public static PrivateKey readPrivateKey(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(reader)) {
            Object block = parser.readObject();
            return switch (block) {
                case PrivateKeyInfo info -> CONVERTER.getPrivateKey(info);
                case PEMKeyPair pair -> CONVERTER.getPrivateKey(pair.getPrivateKeyInfo());
                case null -> throw new IllegalArgumentException(file + " holds no PEM private key");
                default ->
                    throw new IllegalArgumentException(file
                            + " holds a "
                            + block.getClass().getSimpleName()
                            + " where a private key was expected");
            };
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read a private key from " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * A P-256 identity from the PEM file of its private key alone: the public key is derived (Q =
     * d·G), so one owner-only file is all a process needs to sign its requests.
     */
    public static KeyPair readKeyPair(Path file) {
        PrivateKey privateKey = readPrivateKey(file);
        if (!(privateKey instanceof ECPrivateKey ec)) {
            throw new IllegalArgumentException(
                    file + " holds a " + privateKey.getAlgorithm() + " key where an EC key was expected");
        }
        ECPoint q =
                EC5Util.convertSpec(ec.getParams()).getG().multiply(ec.getS()).normalize();
        try {
            PublicKey publicKey = KeyFactory.getInstance("EC")
                    .generatePublic(new ECPublicKeySpec(EC5Util.convertPoint(q), ec.getParams()));
            return new KeyPair(publicKey, privateKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot derive the public key of " + file, e);
        }
    }

    /** PEM text of keys or certificates (JCA objects). */
    public static String toPem(Object... objects) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object object : objects) {
                writer.writeObject(object);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** PKCS#8 {@code PRIVATE KEY} PEM text, the private key form every TLS stack reads. */
    public static String toPkcs8Pem(PrivateKey key) {
        try {
            return toPem(new JcaPKCS8Generator(key, null).generate());
        } catch (PemGenerationException e) {
            throw new IllegalStateException("cannot encode the private key", e);
        }
    }

    /** Writes a secret (a private key) readable by its owner only. */
    public static void writeSecret(Path file, String pem) {
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, pem, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static void write(Path file, String pem) {
        try {
            Files.writeString(file, pem, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
