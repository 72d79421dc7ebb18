package io.camelot.protocol.crypto;

import io.camelot.protocol.internal.crypto.SecureRandomHolder;
import java.io.IOException;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * Factory for Camelot's optional key wrap {@value #ALGORITHM}, an ECIES over X25519 that costs a
 * worker one scalar multiplication per work order instead of an RSA-3072 private-key operation.
 * Avalon clients do not know it; a worker offers it next to RSA-OAEP-3072, never instead.
 *
 * <p>Wrapping a 32-byte secret {@code k} to the worker's X25519 public key {@code W} (raw 32-byte
 * u-coordinate, RFC 7748):
 *
 * <pre>
 *   e, E  = fresh ephemeral X25519 key pair
 *   Z     = X25519(e, W)                       (an all-zero Z is refused: W had small order)
 *   OKM   = HKDF-SHA256(IKM = Z, salt = 32 zero bytes,
 *                       info = ASCII("X25519-HKDF-SHA256-AES-GCM-256") ‖ E ‖ W, L = 44)
 *   KEK   = OKM[0..32)   IV = OKM[32..44)
 *   wrapped = E ‖ AES-256-GCM(KEK, IV, no AAD, k)          = 32 + 32 + 16 = 80 bytes
 * </pre>
 *
 * <p>On the wire ({@code encryptedSessionKey}, and inside {@code encryptedDataEncryptionKey}) it is
 * upper hex like the RSA ciphertext. The fixed 80 bytes are what tells it apart from RSA-OAEP,
 * whose ciphertext is exactly the modulus size (384 bytes for RSA-3072): see {@link
 * KeyWrapKeyRing}. The KEK is single-use (fresh {@code e}), so deriving the IV from it is safe;
 * naming both public keys in {@code info} binds the KEK to this worker and this ephemeral key.
 *
 * <p>Keys travel as RFC 8410 SubjectPublicKeyInfo PEM (OID 1.3.101.110) and PKCS#8. BouncyCastle
 * does the curve arithmetic: ACCP has no X25519 and BouncyCastle's is faster than the JDK's.
 */
public final class X25519Hkdf {
    public static final String ALGORITHM = "X25519-HKDF-SHA256-AES-GCM-256";

    /** The wrapped size of the 32-byte secrets (AES-256 keys) it accepts. */
    public static final int WRAPPED_BYTES = X25519PublicKeyParameters.KEY_SIZE + AesGcm.KEY_BYTES + Aead.TAG_BYTES;

    private static final String PEM_LABEL = "PUBLIC KEY";
    // RFC 8410 id-X25519; bcprov keeps its own constant internal.
    private static final ASN1ObjectIdentifier ID_X25519 = new ASN1ObjectIdentifier("1.3.101.110");

    private X25519Hkdf() {}

    /** Generates a fresh key pair. */
    public static KeyWrapPrivateKey generate() {
        return new X25519HkdfPrivateKey(new X25519PrivateKeyParameters(SecureRandomHolder.RANDOM));
    }

    /**
     * Reads a private key sealed with {@link KeyWrapPrivateKey#toPkcs8()}.
     *
     * @throws CryptoException if the DER is malformed or not an X25519 private key
     */
    public static KeyWrapPrivateKey fromPkcs8(byte[] der) {
        AsymmetricKeyParameter key;
        try {
            key = PrivateKeyFactory.createKey(PrivateKeyInfo.getInstance(der));
        } catch (IOException | RuntimeException e) {
            throw new CryptoException("Malformed PKCS#8 private key", e);
        }
        if (!(key instanceof X25519PrivateKeyParameters x25519)) {
            throw new CryptoException("PKCS#8 key is not an X25519 private key");
        }
        return new X25519HkdfPrivateKey(x25519);
    }

    /**
     * Reads a SubjectPublicKeyInfo PEM naming id-X25519.
     *
     * @throws CryptoException if the PEM is malformed or holds a key of another algorithm
     */
    public static KeyWrapPublicKey publicKeyFromPem(String pem) {
        byte[] der = Pem.decode(pem, PEM_LABEL).der();
        SubjectPublicKeyInfo spki;
        try {
            spki = SubjectPublicKeyInfo.getInstance(der);
        } catch (RuntimeException e) {
            throw new CryptoException("Malformed SubjectPublicKeyInfo", e);
        }
        if (!ID_X25519.equals(spki.getAlgorithm().getAlgorithm())) {
            throw new CryptoException("Key algorithm is "
                    + spki.getAlgorithm().getAlgorithm()
                    + ", expected id-X25519 ("
                    + ID_X25519
                    + ")");
        }
        try {
            return new X25519HkdfPublicKey((X25519PublicKeyParameters) PublicKeyFactory.createKey(spki));
        } catch (IOException | RuntimeException e) {
            throw new CryptoException("Malformed X25519 public key", e);
        }
    }
}
