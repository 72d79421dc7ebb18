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

/** The layout version of an LMDB store: set on a new store, upgraded in place from version 1. */
final class LmdbLayout {
    private static final Logger log = LoggerFactory.getLogger(LmdbLayout.class);

    // Version 2 added request-hashes.
    static final int FORMAT_VERSION = 2;
    private static final byte[] FORMAT_KEY = LmdbKeys.id("format", "meta key");
    // Requests indexed per transaction by the upgrade from version 1: bounds the pages one LMDB
    // transaction dirties, however many work orders the store holds.
    static final int INDEX_BATCH = 4096;

    private final Path dataDir;
    private final LmdbTransactions txns;
    private final Dbi<byte[]> meta;
    private final Dbi<byte[]> requests;
    private final Dbi<byte[]> requestHashes;

    LmdbLayout(Path dataDir, LmdbTransactions txns, Dbi<byte[]> meta, Dbi<byte[]> requests, Dbi<byte[]> requestHashes) {
        this.dataDir = dataDir;
        this.txns = txns;
        this.meta = meta;
        this.requests = requests;
        this.requestHashes = requestHashes;
    }

    /** Sets the layout version of a new store, or upgrades a version 1 store in place. */
    void open() {
        long format = txns.write(txn -> {
            byte[] stored = meta.get(txn, FORMAT_KEY);
            if (stored != null) {
                return LmdbKeys.readLong(stored);
            }
            meta.put(txn, FORMAT_KEY, LmdbKeys.longValue(FORMAT_VERSION));
            return (long) FORMAT_VERSION;
        });
        if (format == 1) {
            int indexed = indexStoredRequests();
            txns.update(txn -> meta.put(txn, FORMAT_KEY, LmdbKeys.longValue(FORMAT_VERSION)));
            log.info(
                    "Upgraded the store in {} to layout version {}: indexed {} request hashes",
                    dataDir,
                    FORMAT_VERSION,
                    indexed);
        } else if (format != FORMAT_VERSION) {
            throw new StoreException("the store in "
                    + dataDir
                    + " has layout version "
                    + format
                    + "; this version of Camelot reads versions 1 and "
                    + FORMAT_VERSION);
        }
    }

    /**
     * Version 1 kept no request hashes: indexes those of the requests it holds, in batches. Ids it
     * purged keep refusing their replays, but their hashes are gone. The version is raised only after
     * the last batch, so an upgrade cut short runs again.
     *
     * @return the number of request hashes indexed
     */
    private int indexStoredRequests() {
        int indexed = 0;
        byte[] after = null;
        while (true) {
            byte[] from = after;
            List<byte[]> batch = txns.read(txn -> requestIds(txn, from));
            if (batch.isEmpty()) {
                return indexed;
            }
            indexed += txns.write(txn -> indexRequests(txn, batch));
            after = batch.getLast();
        }
    }

    /**
     * Up to {@link #INDEX_BATCH} ids of stored requests in key order, after {@code after} if given.
     */
    private List<byte[]> requestIds(Txn<byte[]> txn, byte[] after) {
        List<byte[]> ids = new ArrayList<>();
        try (CursorIterable<byte[]> entries =
                requests.iterate(txn, after == null ? KeyRange.all() : KeyRange.greaterThan(after))) {
            for (KeyVal<byte[]> entry : entries) {
                if (ids.size() == INDEX_BATCH) {
                    break;
                }
                ids.add(entry.key());
            }
        }
        return ids;
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
