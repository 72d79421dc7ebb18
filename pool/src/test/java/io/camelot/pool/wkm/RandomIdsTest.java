package io.camelot.pool.wkm;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelot.scheduler.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RandomIdsTest {
    final ManualClock clock = new ManualClock();
    final RandomIds ids = new RandomIds(clock);

    @Test
    void anIdRedeemsOnceAndOnlyIfIssuedHere() {
        String id = ids.issue();
        assertThat(id).matches("[0-9A-F]{32}").isNotEqualTo(ids.issue());
        assertThat(ids.redeem("00".repeat(16))).isFalse();
        assertThat(ids.redeem(id)).isTrue();
        assertThat(ids.redeem(id)).isFalse();
    }

    @Test
    void idsOlderThanTheirLifetimeAreDroppedWhenTheNextIsIssued() {
        String old = ids.issue();
        String recent = ids.issue();
        clock.advance(RandomIds.LIFETIME.plus(Duration.ofMillis(1)));
        ids.issue();
        assertThat(ids.redeem(old)).isFalse();
        assertThat(ids.redeem(recent)).isFalse();

        String fresh = ids.issue();
        clock.advance(RandomIds.LIFETIME);
        ids.issue();
        assertThat(ids.redeem(fresh)).isTrue();
    }
}
