package io.camelot.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelot.scheduler.QueuedWorkOrder;
import io.camelot.store.LmdbTcsStore;
import io.camelot.store.TcsStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecentWorkOrdersTest {

    @Test
    void keepsTheNewestWithinCapacityAndRecordsCompletion() {
        RecentWorkOrders recent = new RecentWorkOrders(3, Clock.systemUTC());
        for (String id : new String[] {"a1", "a2", "a3", "a4"}) {
            recent.admitted(id, "w1");
        }
        recent.completed(new QueuedWorkOrder("a3", "w1", null, new byte[0]), new byte[0]);
        recent.completed(new QueuedWorkOrder("a1", "w1", null, new byte[0]), new byte[0]);

        var rows = recent.newestFirst(10);
        assertThat(rows).extracting(RecentWorkOrders.Entry::workOrderId).containsExactly("a4", "a3", "a2");
        assertThat(rows.get(1).completedAtMillis()).isPositive();
        assertThat(rows.get(0).completedAtMillis()).isZero();
        assertThat(recent.newestFirst(1)).hasSize(1);
    }

    @Test
    void restoreReadsTheNewestPendingAndCompletedWorkOrdersBackFromTheStore(@TempDir Path dir) {
        try (LmdbTcsStore store = LmdbTcsStore.open(dir)) {
            store.putWorker("w1", new byte[] {'{', '}'});
            for (int i = 1; i <= 4; i++) {
                byte[] hash = new byte[32];
                hash[0] = (byte) i;
                store.submit("o" + i, "w1", hash, new byte[] {'{', '}'}, 1000L * i);
            }
            for (String id : new String[] {"o1", "o2", "o4"}) {
                store.complete(new TcsStore.Completion(id, new byte[] {'{', '}'}, 9000, Map.of(), null));
            }
            RecentWorkOrders recent = new RecentWorkOrders(3, Clock.systemUTC());
            recent.restore(store);

            var rows = recent.newestFirst(10);
            assertThat(rows).extracting(RecentWorkOrders.Entry::workOrderId).containsExactly("o4", "o3", "o2");
            assertThat(rows)
                    .extracting(RecentWorkOrders.Entry::completedAtMillis)
                    .containsExactly(9000L, 0L, 9000L);
            assertThat(rows.get(1).admittedAtMillis()).isEqualTo(3000);
            assertThat(rows.get(1).workerId()).isEqualTo("w1");
        }
    }
}
