package io.camelot.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lmdbjava.CursorIterable;
import org.lmdbjava.CursorIterable.KeyVal;
import org.lmdbjava.Dbi;
import org.lmdbjava.KeyRange;
import org.lmdbjava.PutFlags;
import org.lmdbjava.Txn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The layout version of an LMDB store: set on a new store, upgraded in place from versions 1 and 2.
 */
final class LmdbLayout {
    private static final Logger log = LoggerFactory.getLogger(LmdbLayout.class);

    // Version 2 added request-hashes, version 3 numbered tombstones.
    static final int FORMAT_VERSION = 3;
    private static final byte[] FORMAT_KEY = LmdbKeys.id("format", "meta key");
    // Entries an upgrade indexes per transaction: bounds the pages one LMDB transaction dirties,
    // however many work orders the store holds.
    static final int INDEX_BATCH = 4096;

    private final Path dataDir;
    private final LmdbTransactions txns;
    private final Dbi<byte[]> meta;
    private final Dbi<byte[]> requests;
    private final Dbi<byte[]> requestHashes;
    private final Dbi<byte[]> purgedIds;
    private final LmdbTombstones tombstones;

    LmdbLayout(
            Path dataDir,
            LmdbTransactions txns,
            Dbi<byte[]> meta,
            Dbi<byte[]> requests,
            Dbi<byte[]> requestHashes,
            Dbi<byte[]> purgedIds,
            LmdbTombstones tombstones) {
        this.dataDir = dataDir;
        this.txns = txns;
        this.meta = meta;
        this.requests = requests;
        this.requestHashes = requestHashes;
        this.purgedIds = purgedIds;
        this.tombstones = tombstones;
    }

    /**
     * Sets the layout version of a new store, or upgrades an older store in place. The version is
     * raised only after the last batch, so an upgrade cut short runs again.
     */
    void open() {
        long format = txns.write(txn -> {
            byte[] stored = meta.get(txn, FORMAT_KEY);
            if (stored != null) {
                return LmdbKeys.readLong(stored);
            }
            meta.put(txn, FORMAT_KEY, LmdbKeys.longValue(FORMAT_VERSION));
            return (long) FORMAT_VERSION;
        });
        if (format < 1 || format > FORMAT_VERSION) {
            throw new StoreException("the store in "
                    + dataDir
                    + " has layout version "
                    + format
                    + "; this version of Camelot reads versions 1 to "
                    + FORMAT_VERSION);
        }
        if (format == FORMAT_VERSION) {
            return;
        }
        // Version 1 kept no request hashes: ids it purged keep refusing their replays, their hashes are gone.
        int indexed = format < 2 ? inBatches(requests, this::indexRequests) : 0;
        // Version 2 kept tombstones unordered: number them in key order, so that they go first.
        int numbered = inBatches(purgedIds, tombstones::numberUnnumbered);
        txns.update(txn -> meta.put(txn, FORMAT_KEY, LmdbKeys.longValue(FORMAT_VERSION)));
        log.info(
                "Upgraded the store in {} from layout version {} to {}: indexed {} request hashes, numbered {}"
                        + " tombstones",
                dataDir,
                format,
                FORMAT_VERSION,
                indexed,
                numbered);
    }

    /** One write transaction's work on a batch of keys; returns how many it changed. */
    @FunctionalInterface
    private interface Step {
        int apply(Txn<byte[]> txn, List<byte[]> keys);
    }

    /**
     * Applies {@code step} to the keys of {@code table} in key order, {@link #INDEX_BATCH} per
     * transaction.
     *
     * @return how many entries the steps changed
     */
    private int inBatches(Dbi<byte[]> table, Step step) {
        int changed = 0;
        byte[] after = null;
        while (true) {
            byte[] from = after;
            List<byte[]> batch = txns.read(txn -> keys(txn, table, from));
            if (batch.isEmpty()) {
                return changed;
            }
            changed += txns.write(txn -> step.apply(txn, batch));
            after = batch.getLast();
        }
    }

    /** Up to {@link #INDEX_BATCH} keys of {@code table} in key order, after {@code after} if given. */
    private static List<byte[]> keys(Txn<byte[]> txn, Dbi<byte[]> table, byte[] after) {
        List<byte[]> keys = new ArrayList<>();
        try (CursorIterable<byte[]> entries =
                table.iterate(txn, after == null ? KeyRange.all() : KeyRange.greaterThan(after))) {
            for (KeyVal<byte[]> entry : entries) {
                if (keys.size() == INDEX_BATCH) {
                    break;
                }
                keys.add(entry.key());
            }
        }
        return keys;
    }

    private int indexRequests(Txn<byte[]> txn, List<byte[]> ids) {
        int indexed = 0;
        for (byte[] id : ids) {
            Optional<byte[]> hash = RequestHashes.ofStoredRequest(requests.get(txn, id));
            // The first of two stored requests with one hash keeps it: the other was a replay already.
            if (hash.isPresent() && requestHashes.put(txn, hash.get(), id, PutFlags.MDB_NOOVERWRITE)) {
                indexed++;
            }
        }
        return indexed;
    }
}
