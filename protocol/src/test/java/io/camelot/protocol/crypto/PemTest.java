package io.camelot.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PemTest {
    private static final byte[] DER = Base64.getDecoder()
            .decode(
                    "MFYwEAYHKoZIzj0CAQYFK4EEAAoDQgAEq8sD6k+HZis3i61ev9HZ01aCovn13+Aa1UsZ77HagXpuvfaZEf8cIpiDJuOsCwJfiiauOT2HC9fDv5AYc0T0UA==");

    @Test
    void encodesOpenSslStyleWith64ColumnLinesAndTrailingNewline() {
        qt().forAll(ByteGens.bytes(1, 400)).checkAssert(der -> {
            String pem = Pem.encode("PUBLIC KEY", der);
            String[] lines = pem.split("\n", -1);
            assertThat(lines[0]).isEqualTo("-----BEGIN PUBLIC KEY-----");
            assertThat(lines[lines.length - 2]).isEqualTo("-----END PUBLIC KEY-----");
            assertThat(lines[lines.length - 1])
                    .as("text after the final newline")
                    .isEmpty();
            String[] body = Arrays.copyOfRange(lines, 1, lines.length - 2);
            for (int i = 0; i < body.length - 1; i++) {
                assertThat(body[i]).hasSize(64);
            }
            assertThat(body[body.length - 1]).hasSizeBetween(1, 64);
            assertThat(Pem.decode(pem, "PUBLIC KEY").der()).isEqualTo(der);
        });
    }

    @Test
    void decodesAnyLineWidthLineEndingAndMissingFinalNewline() {
        String body = Base64.getEncoder().encodeToString(DER);
        String python76Columns = "-----BEGIN PUBLIC KEY-----\n"
                + body.substring(0, 76)
                + "\n"
                + body.substring(76)
                + "\n-----END PUBLIC KEY-----\n";
        String crlfNoFinalNewline =
                Pem.encode("PUBLIC KEY", DER).replace("\n", "\r\n").stripTrailing();
        String oneLineWithSurroundingText =
                "worker key:\n-----BEGIN PUBLIC KEY-----" + body + "-----END PUBLIC KEY-----";

        assertThat(Pem.decode(python76Columns, "PUBLIC KEY").der()).isEqualTo(DER);
        assertThat(Pem.decode(crlfNoFinalNewline, "PUBLIC KEY").der()).isEqualTo(DER);
        assertThat(Pem.decode(oneLineWithSurroundingText, "PUBLIC KEY").der()).isEqualTo(DER);
    }

    @Test
    void returnsTheFirstBlockAmongTheAcceptedLabels() {
        byte[] other = {1, 2, 3};
        String text = Pem.encode("RSA PUBLIC KEY", other) + Pem.encode("PUBLIC KEY", DER);

        Pem.Block block = Pem.decode(text, "PUBLIC KEY", "RSA PUBLIC KEY");

        assertThat(block.label()).isEqualTo("RSA PUBLIC KEY");
        assertThat(block.der()).isEqualTo(other);
    }

    @Test
    void rejectsMissingTruncatedEmptyOrNonBase64Blocks() {
        String wellFormed = Pem.encode("PUBLIC KEY", DER);

        assertThatThrownBy(() -> Pem.decode(wellFormed, "PRIVATE KEY"))
                .isInstanceOf(CryptoException.class)
                .hasMessageContaining("No PEM block labelled PRIVATE KEY");
        assertThatThrownBy(() -> Pem.decode(wellFormed.replace("-----END PUBLIC KEY-----", ""), "PUBLIC KEY"))
                .isInstanceOf(CryptoException.class)
                .hasMessageContaining("no END line");
        assertThatThrownBy(() -> Pem.decode("-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n", "PUBLIC KEY"))
                .isInstanceOf(CryptoException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> Pem.decode(wellFormed.replace("MFYw", "MF*w"), "PUBLIC KEY"))
                .isInstanceOf(CryptoException.class)
                .hasMessageContaining("not valid base64");
    }
}
