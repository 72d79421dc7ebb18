package io.camelot.scheduler;

import io.camelot.protocol.model.Dependencies;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random dependency plans over two workers and four resources, and the conflict rule they are
 * checked against: shared by the single-node gate's tests and the shared PostgreSQL queue's.
 */
public final class DependencyPlans {
  public static final String[] RESOURCES = {"acct:a", "acct:b", "acct:c", "acct:d"};
  public static final String[] WORKERS = {"w0", "w1"};

  private DependencyPlans() {}

  /** One planned work order of a random plan. */
  public record Planned(String id, String worker, Dependencies deps, boolean fails) {}

  /**
   * {@code size} work orders named {@code prefix + i}: about a third wait for up to three earlier
   * ones, each reads or writes each resource with probability 1/4, one in eight is planned to fail.
   */
  public static List<Planned> randomPlan(String prefix, Random random, int size) {
    List<Planned> plan = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      List<String> after = new ArrayList<>();
      if (i > 0 && random.nextInt(3) == 0) {
        for (int k = random.nextInt(3); k >= 0; k--) {
          String p = plan.get(random.nextInt(i)).id();
          if (!after.contains(p)) {
            after.add(p);
          }
        }
      }
      List<String> reads = new ArrayList<>();
      List<String> writes = new ArrayList<>();
      for (String r : RESOURCES) {
        switch (random.nextInt(4)) {
          case 0 -> reads.add(r);
          case 1 -> writes.add(r);
          default -> {}
        }
      }
      plan.add(
          new Planned(
              prefix + i,
              WORKERS[random.nextInt(WORKERS.length)],
              new Dependencies(after, reads, writes, null),
              random.nextInt(8) == 0));
    }
    return plan;
  }

  /** Whether the two may not run together: one writes a resource the other reads or writes. */
  public static boolean conflict(Planned a, Planned b) {
    for (String r : a.deps().writeResources()) {
      if (b.deps().writeResources().contains(r) || b.deps().readResources().contains(r)) {
        return true;
      }
    }
    for (String r : b.deps().writeResources()) {
      if (a.deps().readResources().contains(r)) {
        return true;
      }
    }
    return false;
  }
}
