package io.camelot.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.GeneralSecurityException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CryptoProvidersTest {
    @AfterEach
    void restoreDefault() {
        CryptoProviders.use(CryptoProviders.JCA);
    }

    @Test
    void jcaIsTheDefaultAndUsesTheJdkProviders() throws GeneralSecurityException {
        assertThat(CryptoProviders.current()).isEqualTo(CryptoProviders.JCA);
        assertThat(CryptoProviders.sha256().getProvider().getName()).isEqualTo("SUN");
        assertThat(CryptoProviders.cipher("AES/GCM/NoPadding").getProvider().getName())
                .isEqualTo("SunJCE");
    }

    @Test
    void accpRunsAesGcmRsaOaepAndSha256() throws GeneralSecurityException {
        CryptoProviders.use(CryptoProviders.ACCP);

        assertThat(CryptoProviders.current()).isEqualTo(CryptoProviders.ACCP);
        assertThat(CryptoProviders.sha256().getProvider().getName()).isEqualTo("AmazonCorrettoCryptoProvider");
        assertThat(CryptoProviders.cipher("AES/GCM/NoPadding").getProvider().getName())
                .isEqualTo("AmazonCorrettoCryptoProvider");
        assertThat(CryptoProviders.cipher(RsaOaepPublicKey.TRANSFORMATION)
                        .getProvider()
                        .getName())
                .isEqualTo("AmazonCorrettoCryptoProvider");
    }

    @Test
    void keysWrappedUnderOneProviderUnwrapUnderTheOther() {
        KeyWrapPrivateKey key = RsaOaep.generate();
        byte[] secret = AesGcm.newKey();
        byte[] wrappedByJca = key.publicKey().wrap(secret);

        CryptoProviders.use(CryptoProviders.ACCP);
        byte[] wrappedByAccp = key.publicKey().wrap(secret);

        assertThat(key.unwrap(wrappedByJca)).isEqualTo(secret);
        CryptoProviders.use(CryptoProviders.JCA);
        assertThat(key.unwrap(wrappedByAccp)).isEqualTo(secret);
    }

    @Test
    void unknownNameIsRefusedAndKeepsTheCurrentProvider() {
        assertThatThrownBy(() -> CryptoProviders.use("openssl"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"openssl\"");
        assertThat(CryptoProviders.current()).isEqualTo(CryptoProviders.JCA);
    }
}
