package io.camelot.ethereum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OracleFeedTest {
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void theOnChainIdIsTheKeccak256OfTheName() {
        // Keccak-256("abc"), the published test vector: what keccak256(bytes("abc")) gives in Solidity.
        assertThat(Bytes32.hex(new OracleFeed("abc", null, "https://prices.example/x", MINUTE).id()))
                .isEqualTo("4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
    }

    @Test
    void aWorkerIdIsNormalisedAndAnythingElseInvalidIsRefused() {
        String id = "0B03616A46EA9CF574F3F8EEDC93A62C691A60DBD3783427C0243BACFE5BBA94";
        assertThat(new OracleFeed("f", "0x" + id, "https://prices.example/x", MINUTE).workerId())
                .isEqualTo(id.toLowerCase(java.util.Locale.ROOT));
        assertThatThrownBy(() -> new OracleFeed("f", null, "http://prices.example/x", MINUTE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be an https:// URL");
        assertThatThrownBy(() -> new OracleFeed(" ", null, "https://prices.example/x", MINUTE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a name");
        assertThatThrownBy(() -> new OracleFeed("f", null, "https://prices.example/x", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("interval must be positive");
        assertThatThrownBy(() -> new OracleFeed("f", "abcd", "https://prices.example/x", MINUTE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a 32-byte hex id");
    }
}
