package io.camelot.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.camelot.bench.CryptoCost.Side;
import io.camelot.bench.CryptoCost.StepCost;
import java.util.List;
import org.junit.jupiter.api.Test;

class CryptoCostTest {
    private final CryptoCost cost = new CryptoCost(
            "test",
            1024,
            List.of(
                    new StepCost("unwrap", Side.SERVER, 1500),
                    new StepCost("sign", Side.SERVER, 500),
                    new StepCost("wrap", Side.CLIENT, 500)));

    @Test
    void ceilingScalesTheServerStepsOverTheCores() {
        assertThat(cost.serverMicros()).isEqualTo(2000);
        assertThat(cost.clientMicros()).isEqualTo(500);
        assertThat(cost.ceiling(2)).isCloseTo(1000, within(1e-9));
    }

    @Test
    void sharedCeilingChargesTheClientCryptoToTheSameCores() {
        assertThat(cost.sharedCeiling(2)).isCloseTo(800, within(1e-9));
    }
}
