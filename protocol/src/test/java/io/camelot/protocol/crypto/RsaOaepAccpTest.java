package io.camelot.protocol.crypto;

import org.junit.jupiter.api.extension.ExtendWith;

/** Every test of {@link RsaOaepTest}, with AES-GCM, RSA-OAEP and SHA-256 on ACCP. */
@ExtendWith(UseAccp.class)
class RsaOaepAccpTest extends RsaOaepTest {}
