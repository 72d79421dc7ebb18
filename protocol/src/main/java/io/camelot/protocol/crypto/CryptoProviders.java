package io.camelot.protocol.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import javax.crypto.Cipher;

/**
 * Selects the JCA provider for the envelope's hot primitives: AES-GCM, RSA-OAEP and SHA-256.
 *
 * <p>{@value #JCA} (the default) leaves them to the JDK's provider order. {@value #ACCP} runs them
 * on Amazon Corretto Crypto Provider (native AWS-LC), an optional runtime dependency loaded by
 * class name so that {@code protocol} compiles and runs without it. The provider is passed
 * explicitly to each {@code getInstance} rather than installed globally, so nothing else in the
 * process (TLS, {@code SecureRandom}) changes behind the operator's back. secp256k1 and X25519 stay
 * on BouncyCastle: ACCP offers neither.
 *
 * <p>Chosen once at start-up, before any key is used.
 */
public final class CryptoProviders {
    public static final String JCA = "jca";
    public static final String ACCP = "accp";

    private static final String ACCP_CLASS = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";

    private static volatile Selection selection = new Selection(JCA, null);

    private record Selection(String name, Provider provider) {}

    private CryptoProviders() {}

    /**
     * Switches the provider.
     *
     * @throws IllegalArgumentException if the name is neither {@value #JCA} nor {@value #ACCP}
     * @throws IllegalStateException if ACCP is asked for but is absent or failed to load; an explicit
     *     choice never falls back silently
     */
    public static void use(String name) {
        selection = switch (name) {
            case JCA -> new Selection(JCA, null);
            case ACCP -> new Selection(ACCP, loadAccp());
            default ->
                throw new IllegalArgumentException(
                        "unknown crypto provider \"" + name + "\", expected \"" + JCA + "\" or \"" + ACCP + "\"");
        };
    }

    /** The name last passed to {@link #use}, {@value #JCA} until then. */
    public static String current() {
        return selection.name();
    }

    /** A fresh SHA-256 digest from the selected provider. */
    public static MessageDigest sha256() {
        Provider provider = selection.provider();
        try {
            return provider == null
                    ? MessageDigest.getInstance("SHA-256")
                    : MessageDigest.getInstance("SHA-256", provider);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the selected provider lacks SHA-256", e);
        }
    }

    /** A {@link Cipher} from the selected provider. */
    public static Cipher cipher(String transformation) throws GeneralSecurityException {
        Provider provider = selection.provider();
        return provider == null ? Cipher.getInstance(transformation) : Cipher.getInstance(transformation, provider);
    }

    private static Provider loadAccp() {
        Class<?> accpClass;
        try {
            accpClass = Class.forName(ACCP_CLASS);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(
                    "crypto provider \"accp\" is configured but AmazonCorrettoCryptoProvider is not on the"
                            + " class path",
                    e);
        }
        try {
            Provider provider = (Provider) accpClass.getField("INSTANCE").get(null);
            // The jar loads even where its native library cannot; only this says whether it works.
            Throwable loadingError =
                    (Throwable) accpClass.getMethod("getLoadingError").invoke(provider);
            if (loadingError != null) {
                throw new IllegalStateException(
                        "crypto provider \"accp\" failed to load: " + loadingError, loadingError);
            }
            return provider;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("crypto provider \"accp\": unexpected AmazonCorrettoCryptoProvider API", e);
        }
    }
}
