package io.camelot.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.lmdbjava.Cursor;
import org.lmdbjava.CursorIterable;
import org.lmdbjava.Dbi;
import org.lmdbjava.GetOp;
import org.lmdbjava.KeyRange;
import org.lmdbjava.PutFlags;
import org.lmdbjava.Txn;

/**
 * Receipts and their updates in an LMDB store's transactions: {@code receipts} (workOrderId → raw
 * receipt create request) and {@code receipt-updates} ((workOrderId, index) → update).
 */
final class LmdbReceipts {
    private final Dbi<byte[]> receipts;
    private final Dbi<byte[]> receiptUpdates;

    LmdbReceipts(Dbi<byte[]> receipts, Dbi<byte[]> receiptUpdates) {
        this.receipts = receipts;
        this.receiptUpdates = receiptUpdates;
    }

    /**
     * @return false if the work order has a receipt already
     */
    boolean create(Txn<byte[]> txn, byte[] workOrderId, byte[] rawCreateRequest) {
        return receipts.put(txn, workOrderId, rawCreateRequest, PutFlags.MDB_NOOVERWRITE);
    }

    byte[] receipt(Txn<byte[]> txn, byte[] workOrderId) {
        return receipts.get(txn, workOrderId);
    }

    /** Appends {@code update} if the receipt exists and has {@code expectedCount} updates. */
    boolean append(Txn<byte[]> txn, byte[] workOrderId, int expectedCount, byte[] update) {
        if (receipts.get(txn, workOrderId) == null || updateCount(txn, workOrderId) != expectedCount) {
            return false;
        }
        receiptUpdates.put(txn, LmdbKeys.updateKey(workOrderId, expectedCount), update);
        return true;
    }

    /**
     * Appends the update {@code factory} builds, if the work order has a receipt and it builds one.
     */
    void appendBuilt(Txn<byte[]> txn, byte[] workOrderId, TcsStore.ReceiptUpdateFactory factory) {
        if (factory == null) {
            return;
        }
        byte[] rawCreate = receipts.get(txn, workOrderId);
        if (rawCreate == null) {
            return;
        }
        List<byte[]> existing = updates(txn, workOrderId);
        byte[] update = factory.build(rawCreate, existing);
        if (update != null) {
            receiptUpdates.put(txn, LmdbKeys.updateKey(workOrderId, existing.size()), update);
        }
    }

    /** Removes the work order's receipt and updates (purge). */
    void remove(Txn<byte[]> txn, byte[] workOrderId) {
        receipts.delete(txn, workOrderId);
        for (int index = updateCount(txn, workOrderId) - 1; index >= 0; index--) {
            receiptUpdates.delete(txn, LmdbKeys.updateKey(workOrderId, index));
        }
    }

    List<byte[]> updates(Txn<byte[]> txn, byte[] workOrderId) {
        KeyRange<byte[]> all = KeyRange.closed(LmdbKeys.updateKey(workOrderId, 0), LmdbKeys.updateKey(workOrderId, -1));
        List<byte[]> updates = new ArrayList<>();
        try (CursorIterable<byte[]> entries = receiptUpdates.iterate(txn, all)) {
            entries.forEach(entry -> updates.add(entry.val()));
        }
        return Collections.unmodifiableList(updates);
    }

    /** Counts a receipt's updates by finding its last one, without reading the others. */
    private int updateCount(Txn<byte[]> txn, byte[] workOrderId) {
        try (Cursor<byte[]> cursor = receiptUpdates.openCursor(txn)) {
            boolean positioned = cursor.get(LmdbKeys.updateKey(workOrderId, -1), GetOp.MDB_SET_RANGE)
                    ? cursor.prev()
                    : cursor.last();
            return positioned && LmdbKeys.isUpdateKeyOf(cursor.key(), workOrderId)
                    ? LmdbKeys.updateIndex(cursor.key()) + 1
                    : 0;
        }
    }
}
