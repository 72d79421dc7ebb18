package io.camelot.server.config;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.camelot.protocol.crypto.CryptoProviders;

/** {@code [crypto]}: which JCA provider does the cryptography. */
public record CryptoSection(
        @JsonPropertyDescription(
                "\"jca\" (the JDK's providers) or \"accp\" (AES-GCM, RSA-OAEP and SHA-256 on Amazon Corretto Crypto Provider)")
        Provider provider) {
    /** The providers {@link CryptoProviders} can install. */
    public enum Provider implements TomlChoice {
        JCA,
        ACCP;

        /** The provider named {@code toml} (a command-line option, as the file's key). */
        public static Provider of(String toml) {
            return TomlChoice.parse(Provider.class, toml);
        }
    }

    public static CryptoSection defaults() {
        return new CryptoSection(Provider.JCA);
    }

    /**
     * Installs the provider. First thing at start, so that one that cannot load stops start-up before
     * anything opens.
     */
    public void use() {
        CryptoProviders.use(provider.toml());
    }
}
