package io.camelot.protocol.crypto;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Runs a test class with {@link CryptoProviders#ACCP} selected, restoring JCA afterwards. */
public final class UseAccp implements BeforeAllCallback, AfterAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
        CryptoProviders.use(CryptoProviders.ACCP);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        CryptoProviders.use(CryptoProviders.JCA);
    }
}
