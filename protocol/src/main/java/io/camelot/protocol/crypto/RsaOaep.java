package io.camelot.protocol.crypto;

import io.camelot.protocol.internal.crypto.SecureRandomHolder;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * Factory for the RSA-OAEP key wrap of work order session keys: SHA-1 and MGF1-SHA-1 with an empty
 * label, which is what pycryptodome's {@code PKCS1_OAEP} and OpenSSL's {@code
 * RSA_PKCS1_OAEP_PADDING} default to.
 */
public final class RsaOaep {
    /**
     * Avalon's SGX workers use 3072-bit keys, and its C++ decrypt insists on the matching 384-byte
     * ciphertext.
     */
    public static final int KEY_BITS = 3072;

    private static final String SPKI_LABEL = "PUBLIC KEY";
    private static final String PKCS1_LABEL = "RSA PUBLIC KEY";

    private RsaOaep() {}

    /** Generates a fresh 3072-bit key pair with public exponent 65537. */
    public static KeyWrapPrivateKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(
                    new RSAKeyGenParameterSpec(KEY_BITS, RSAKeyGenParameterSpec.F4), SecureRandomHolder.RANDOM);
            KeyPair pair = generator.generateKeyPair();
            return new RsaOaepPrivateKey(
                    (RSAPrivateCrtKey) pair.getPrivate(), new RsaOaepPublicKey((RSAPublicKey) pair.getPublic()));
        } catch (GeneralSecurityException e) {
            throw new CryptoException("RSA key generation failed", e);
        }
    }

    /**
     * Reads a private key sealed with {@link KeyWrapPrivateKey#toPkcs8()}.
     *
     * @throws CryptoException if the DER is not a PKCS#8 RSA private key with CRT parameters
     */
    public static KeyWrapPrivateKey fromPkcs8(byte[] der) {
        try {
            KeyFactory factory = KeyFactory.getInstance("RSA");
            if (!(factory.generatePrivate(new PKCS8EncodedKeySpec(der)) instanceof RSAPrivateCrtKey privateKey)) {
                throw new CryptoException("RSA private key lacks the CRT parameters needed to derive its public key");
            }
            RSAPublicKey publicKey = (RSAPublicKey) factory.generatePublic(
                    new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            return new RsaOaepPrivateKey(privateKey, new RsaOaepPublicKey(publicKey));
        } catch (GeneralSecurityException e) {
            throw new CryptoException("Not a PKCS#8 RSA private key", e);
        }
    }

    /**
     * Reads an RSA public key from PEM, either SubjectPublicKeyInfo ({@code BEGIN PUBLIC KEY}) or
     * PKCS#1 ({@code BEGIN RSA PUBLIC KEY}), as pycryptodome's {@code RSA.import_key} does.
     *
     * @throws CryptoException if the text holds no such block or the block is not an RSA public key
     */
    public static KeyWrapPublicKey publicKeyFromPem(String pem) {
        Pem.Block block = Pem.decode(pem, SPKI_LABEL, PKCS1_LABEL);
        byte[] spki = block.label().equals(PKCS1_LABEL) ? pkcs1ToSpki(block.der()) : block.der();
        try {
            return new RsaOaepPublicKey(
                    (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(spki)));
        } catch (GeneralSecurityException e) {
            throw new CryptoException("PEM " + block.label() + " is not an RSA public key", e);
        }
    }

    private static byte[] pkcs1ToSpki(byte[] pkcs1) {
        try {
            AlgorithmIdentifier rsaEncryption =
                    new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE);
            return new SubjectPublicKeyInfo(rsaEncryption, pkcs1).getEncoded();
        } catch (IOException e) {
            throw new CryptoException("PKCS#1 RSA public key could not be re-encoded", e);
        }
    }
}
