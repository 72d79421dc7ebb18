package io.camelot.store;

import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * One transaction's share of a {@link TcsStore#purge}: the stores remove at most {@link #SIZE}
 * work orders a transaction, so a large purge holds no long transaction.
 *
 * @param removed how many work orders the batch removed
 * @param keptByFloor how many beyond {@code maxRetained} the floor kept (0 unless it stopped the
 *     batch)
 */
public record PurgeBatch(int removed, long keptByFloor) {
    /**
     * Work orders per purge transaction: bounds how long a purge holds up submissions (LMDB's one
     * writer) or holds row locks (PostgreSQL).
     */
    public static final int SIZE = 256;

    /**
     * Runs {@code nextBatch} until a batch is not full and logs what was purged and what the floor
     * kept; {@code remedy} is what the operator can raise when the floor keeps work orders.
     *
     * @return how many work orders were removed
     */
    public static int purgeAll(long maxRetained, Logger log, String remedy, Supplier<PurgeBatch> nextBatch) {
        if (maxRetained < 0) {
            throw new IllegalArgumentException("maxRetained must not be negative: " + maxRetained);
        }
        int removed = 0;
        PurgeBatch batch;
        do {
            batch = nextBatch.get();
            removed += batch.removed();
        } while (batch.removed() == SIZE);
        if (removed > 0) {
            log.info("Purged {} completed work orders", removed);
        }
        if (batch.keptByFloor() > 0) {
            log.error(
                    "{} completed work orders beyond the retained maximum of {} are younger than the retention"
                            + " floor and were kept: the store may be flooded; raise {}",
                    batch.keptByFloor(),
                    maxRetained,
                    remedy);
        }
        return removed;
    }

    /**
     * Runs {@code nextBatch} (how many it removed, at most {@link #SIZE}) until a batch is not full.
     *
     * @return how many were removed in all
     */
    public static long inBatches(IntSupplier nextBatch) {
        long removed = 0;
        int batch;
        do {
            batch = nextBatch.getAsInt();
            removed += batch;
        } while (batch == SIZE);
        return removed;
    }
}
