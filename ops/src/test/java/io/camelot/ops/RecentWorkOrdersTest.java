package io.camelot.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelot.scheduler.QueuedWorkOrder;
import java.time.Clock;
import org.junit.jupiter.api.Test;

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
    assertThat(rows)
        .extracting(RecentWorkOrders.Entry::workOrderId)
        .containsExactly("a4", "a3", "a2");
    assertThat(rows.get(1).completedAtMillis()).isPositive();
    assertThat(rows.get(0).completedAtMillis()).isZero();
    assertThat(recent.newestFirst(1)).hasSize(1);
  }
}
