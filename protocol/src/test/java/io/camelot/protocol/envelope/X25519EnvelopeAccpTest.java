package io.camelot.protocol.envelope;

import io.camelot.protocol.crypto.UseAccp;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every test of {@link X25519EnvelopeTest}, with AES-GCM, RSA-OAEP and SHA-256 on ACCP. */
@ExtendWith(UseAccp.class)
class X25519EnvelopeAccpTest extends X25519EnvelopeTest {}
