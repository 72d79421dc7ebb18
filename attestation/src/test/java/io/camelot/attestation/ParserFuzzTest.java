package io.camelot.attestation;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.camelot.protocol.crypto.CryptoException;
import io.camelot.protocol.crypto.Secp256k1;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Jazzer fuzz targets for the parsers that read bytes chosen by someone else: DCAP quotes, PEM/DER
 * certificate chains, worker proofData and requester PEM keys. Each either parses or fails with its
 * own documented exception; anything else (an IndexOutOfBounds, a NullPointer, a hang) is a
 * finding. Plain {@code mvn verify} replays the inputs under {@code ParserFuzzTestInputs/}; {@code
 * JAZZER_FUZZ=1} fuzzes (docs/SECURITY.md).
 */
class ParserFuzzTest {
    private static final ProofDataVerifier VERIFIER = new ProofDataVerifier();
    private static final VerificationContext CONTEXT = VerificationContext.at(Instant.parse("2025-03-01T00:00:00Z"));

    @FuzzTest(maxDuration = "60s")
    void dcapQuotesParseOrFailCleanly(byte[] quote) {
        try {
            DcapQuote.parse(quote);
        } catch (VerificationException e) {
            assertThat(e.reason()).isNotNull();
        }
    }

    @FuzzTest(maxDuration = "60s")
    void certificateChainsParseOrFailCleanly(byte[] encoded) {
        try {
            assertThat(Certificates.parseChain(encoded)).isNotEmpty();
        } catch (VerificationException e) {
            assertThat(e.reason()).isEqualTo(FailureReason.MALFORMED_EVIDENCE);
        }
        try {
            Certificates.parseCrl(encoded);
        } catch (VerificationException e) {
            assertThat(e.reason()).isEqualTo(FailureReason.MALFORMED_EVIDENCE);
        }
    }

    /** First line: the proofDataType; the rest: the proofData JSON. A verdict always comes back. */
    @FuzzTest(maxDuration = "60s")
    void proofDataAlwaysGetsAVerdict(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        int newline = text.indexOf('\n');
        String type = newline < 0 ? "" : text.substring(0, newline);
        String proof = newline < 0 ? text : text.substring(newline + 1);
        assertThat(VERIFIER.verify(type, proof, CONTEXT)).isNotNull();
    }

    @FuzzTest(maxDuration = "60s")
    void requesterKeysParseOrFailCleanly(byte[] pem) {
        try {
            assertThat(Secp256k1.verifierFromPem(new String(pem, StandardCharsets.UTF_8)))
                    .isNotNull();
        } catch (CryptoException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }
}
