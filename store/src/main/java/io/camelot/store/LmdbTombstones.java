package io.camelot.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.lmdbjava.CursorIterable;
import org.lmdbjava.CursorIterable.KeyVal;
import org.lmdbjava.Dbi;
import org.lmdbjava.Txn;

/**
 * Tombstones of purged work orders in an LMDB store's transactions (review H5): {@code purged-ids}
 * (workOrderId → its tombstone number) tells a used id, {@code tombstones} (number → workOrderId)
 * orders them, numbered in purge order from the {@code meta} counter, so that the oldest go first.
 */
final class LmdbTombstones {
    private static final byte[] COUNTER_KEY = LmdbKeys.id("tombstones", "meta key");
    // What layout version 2 stored under each purged id, before tombstones were numbered.
    private static final byte[] UNNUMBERED = {1};

    private final Dbi<byte[]> purgedIds;
    private final Dbi<byte[]> tombstones;
    private final Dbi<byte[]> meta;

    LmdbTombstones(Dbi<byte[]> purgedIds, Dbi<byte[]> tombstones, Dbi<byte[]> meta) {
        this.purgedIds = purgedIds;
        this.tombstones = tombstones;
        this.meta = meta;
    }

    boolean contains(Txn<byte[]> txn, byte[] workOrderId) {
        return purgedIds.get(txn, workOrderId) != null;
    }

    void add(Txn<byte[]> txn, byte[] workOrderId) {
        byte[] number = nextNumber(txn);
        purgedIds.put(txn, workOrderId, number);
        tombstones.put(txn, number, workOrderId);
    }

    /**
     * Numbers the tombstones among {@code workOrderIds} that layout version 2 left unnumbered; those
     * numbered already are skipped, so an upgrade cut short can run again.
     *
     * @return how many were numbered
     */
    int numberUnnumbered(Txn<byte[]> txn, List<byte[]> workOrderIds) {
        int numbered = 0;
        for (byte[] id : workOrderIds) {
            if (Arrays.equals(purgedIds.get(txn, id), UNNUMBERED)) {
                add(txn, id);
                numbered++;
            }
        }
        return numbered;
    }

    /**
     * Removes the oldest tombstones beyond the newest {@code maxKept}, at most {@link
     * PurgeBatch#SIZE}: numbers are consecutive, so those at or below the last number minus {@code
     * maxKept} go.
     *
     * @return how many were removed
     */
    int dropBatch(Txn<byte[]> txn, long maxKept) {
        byte[] last = meta.get(txn, COUNTER_KEY);
        long dropUpTo = last == null ? 0 : LmdbKeys.readLong(last) - maxKept;
        List<byte[]> numbers = new ArrayList<>();
        List<byte[]> ids = new ArrayList<>();
        try (CursorIterable<byte[]> oldestFirst = tombstones.iterate(txn)) {
            for (KeyVal<byte[]> entry : oldestFirst) {
                if (numbers.size() == PurgeBatch.SIZE || LmdbKeys.readLong(entry.key()) > dropUpTo) {
                    break;
                }
                numbers.add(entry.key());
                ids.add(entry.val());
            }
        }
        // Deleted only now: deleting under an open CursorIterable would move its cursor.
        for (int i = 0; i < numbers.size(); i++) {
            tombstones.delete(txn, numbers.get(i));
            purgedIds.delete(txn, ids.get(i));
        }
        return numbers.size();
    }

    private byte[] nextNumber(Txn<byte[]> txn) {
        byte[] last = meta.get(txn, COUNTER_KEY);
        byte[] next = LmdbKeys.longValue(last == null ? 1 : LmdbKeys.readLong(last) + 1);
        meta.put(txn, COUNTER_KEY, next);
        return next;
    }
}
