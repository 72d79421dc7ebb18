package io.camelot.ethereum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Bytes32Test {
    private static final String ID = "0b03616a46ea9cf574f3f8eedc93a62c691a60dbd3783427c0243bacfe5bba94";

    @Test
    void idsRoundTripWhateverTheirPrefixOrCase() {
        assertThat(Bytes32.hex(Bytes32.of(ID))).isEqualTo(ID);
        assertThat(Bytes32.same("0x" + ID.toUpperCase(java.util.Locale.ROOT), Bytes32.of(ID)))
                .isTrue();
        assertThat(Bytes32.orZero("")).isEqualTo(new byte[32]);
        assertThat(Bytes32.orZero(null)).isEqualTo(new byte[32]);
    }

    @Test
    void anythingButThirtyTwoBytesOfHexIsRefused() {
        assertThatThrownBy(() -> Bytes32.of("abcd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Bytes32.of("zz".repeat(32))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Bytes32.of(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Bytes32.same("abcd", Bytes32.of(ID))).isFalse();
    }
}
