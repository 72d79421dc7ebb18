package io.camelot.attestation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Changing any byte of genuine evidence or collateral makes verification fail, for the right
 * reason.
 */
class TamperingTest {
    private static final Instant AT = Instant.parse("2025-06-20T00:00:00Z");
    private static final String SET = "dcap/sgx-v3/collateral-2025-06/";

    // sgx-v3 v3 quote layout: header 48, body 384, sig-data length 4, signature 64, attestation
    // key 64, QE report 384, QE report signature 64, auth data length 2 + data.
    @ParameterizedTest
    @CsvSource({
        "10, QUOTE_SIGNATURE_INVALID",
        "112, QUOTE_SIGNATURE_INVALID",
        "440, QUOTE_SIGNATURE_INVALID",
        "504, QUOTE_SIGNATURE_INVALID",
        "700, QE_REPORT_SIGNATURE_INVALID",
        "960, QE_REPORT_SIGNATURE_INVALID",
        "1018, ATTESTATION_KEY_NOT_BOUND",
    })
    void aChangedQuoteByteFailsWithTheReasonOfItsRegion(int offset, FailureReason reason) throws Exception {
        byte[] quote = quote();
        quote[offset] ^= 0x01;
        assertThat(verify(quote, collateral()).failure()).isEqualTo(reason);
    }

    @Test
    void everySingleByteChangeOfTheQuoteIsRejected() throws Exception {
        byte[] original = quote();
        DcapCollateral collateral = collateral();
        for (int i = 0; i < original.length; i++) {
            byte[] quote = original.clone();
            quote[i] ^= 0x01;
            assertThat(verify(quote, collateral).valid())
                    .as("byte %d changed", i)
                    .isFalse();
        }
    }

    @Test
    void bytesAppendedAfterTheSignatureDataAreRejectedUnlessZeroPadding() throws Exception {
        byte[] padded = Arrays.copyOf(quote(), quote().length + 16);
        assertThat(verify(padded, collateral()).valid()).isTrue();
        padded[padded.length - 1] = 1;
        assertThat(verify(padded, collateral()).failure()).isEqualTo(FailureReason.MALFORMED_EVIDENCE);
    }

    /** {@code marker}: the byte two after it is changed; none: the tenth byte from the end. */
    @ParameterizedTest
    @CsvSource({
        "tcb_info.json, '\"tcbLevels\"', COLLATERAL_SIGNATURE_INVALID",
        "qe_identity.json, '\"isvprodid\"', COLLATERAL_SIGNATURE_INVALID",
        "pck_crl.der, '', CRL_INVALID",
        "root_ca_crl.der, '', CRL_INVALID",
    })
    void aChangedCollateralFileIsRejected(String file, String marker, FailureReason reason, @TempDir Path dir)
            throws Exception {
        try (Stream<Path> genuine = Files.list(GenuineTestData.resolve(SET))) {
            for (Path f : genuine.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        byte[] bytes = Files.readAllBytes(dir.resolve(file));
        int at = marker.isEmpty()
                ? bytes.length - 10
                : new String(bytes, StandardCharsets.ISO_8859_1).indexOf(marker) + 2;
        bytes[at] ^= 0x01;
        Files.write(dir.resolve(file), bytes);
        assertThat(verify(quote(), DcapCollateral.fromDirectory(dir)).failure()).isEqualTo(reason);
    }

    @Test
    void collateralForAnotherPlatformIsRejected() throws Exception {
        DcapCollateral other = DcapCollateral.fromDirectory(GenuineTestData.resolve("dcap/sgx-v3-outofdate"));
        Verdict verdict = new DcapQuoteVerifier()
                .verify(quote(), other, VerificationContext.at(Instant.parse("2025-02-13T04:00:32Z")));
        // Its PCK CRL comes from the Platform CA; this quote's PCK certificate from the Processor CA.
        assertThat(verdict.failure()).isEqualTo(FailureReason.CRL_INVALID);
    }

    @Test
    void everySingleByteChangeOfAnIasReportBodyIsRejected() throws Exception {
        Path bodyFile = GenuineTestData.resolve("ias/avr1.body.json");
        IasEvidence genuine = IasEvidence.fromFiles(bodyFile);
        VerificationContext context = VerificationContext.at(Instant.parse("2019-11-17T00:00:00Z"));
        for (int i = 0; i < genuine.body().length; i++) {
            byte[] body = genuine.body().clone();
            body[i] ^= 0x01;
            Verdict verdict = new IasReportVerifier()
                    .verify(new IasEvidence(body, genuine.signatureBase64(), genuine.certificatesPem()), context);
            assertThat(verdict.failure()).as("byte %d changed", i).isEqualTo(FailureReason.REPORT_SIGNATURE_INVALID);
        }
    }

    @Test
    void anIasReportSignedByAnotherKeyIsRejected() throws Exception {
        IasEvidence avr1 = IasEvidence.fromFiles(GenuineTestData.resolve("ias/avr1.body.json"));
        IasEvidence avr2 = IasEvidence.fromFiles(GenuineTestData.resolve("ias/avr2.body.json"));
        Verdict verdict = new IasReportVerifier()
                .verify(
                        new IasEvidence(avr1.body(), avr2.signatureBase64(), avr1.certificatesPem()),
                        VerificationContext.at(Instant.parse("2019-11-17T00:00:00Z")));
        assertThat(verdict.failure()).isEqualTo(FailureReason.REPORT_SIGNATURE_INVALID);
    }

    private static byte[] quote() throws Exception {
        return Files.readAllBytes(GenuineTestData.resolve("dcap/sgx-v3/quote.bin"));
    }

    private static DcapCollateral collateral() {
        return DcapCollateral.fromDirectory(GenuineTestData.resolve(SET));
    }

    private static Verdict verify(byte[] quote, DcapCollateral collateral) {
        return new DcapQuoteVerifier().verify(quote, collateral, VerificationContext.at(AT));
    }
}
