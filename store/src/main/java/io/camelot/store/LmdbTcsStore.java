package io.camelot.store;

import static org.lmdbjava.ByteArrayProxy.PROXY_BA;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.lmdbjava.ByteArrayProxy;
import org.lmdbjava.CursorIterable;
import org.lmdbjava.CursorIterable.KeyVal;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.KeyRange;
import org.lmdbjava.LmdbException;
import org.lmdbjava.PutFlags;
import org.lmdbjava.Txn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link TcsStore}: one LMDB environment in a local directory.
 *
 * <p>Tables (LMDB named databases; ids are UTF-8, numbers big-endian, see {@link LmdbKeys}):
 *
 * <ul>
 *   <li>{@code workers}: workerId → worker record
 *   <li>{@code requests}, {@code responses}: workOrderId → raw request, response
 *   <li>{@code orders}: workOrderId → {@link OrderMeta} (status, sequence, times, workerId)
 *   <li>{@code queue}: (workerId, sequence) → workOrderId, the pending work orders per worker
 *   <li>{@code completed}: (completedAt, sequence) → workOrderId, the order in which purge removes
 *   <li>{@code receipts}: workOrderId → raw receipt create request
 *   <li>{@code receipt-updates}: (workOrderId, index) → update
 *   <li>{@code state}: key → workload state value
 *   <li>{@code purged-ids}: workOrderId → tombstone number, for each purged work order
 *   <li>{@code tombstones}: tombstone number → workOrderId, the order in which {@link
 *       #dropTombstones} forgets purged ids
 *   <li>{@code request-hashes}: request hash → workOrderId, for each work order ever accepted
 *       (purge keeps it, as it keeps the id in {@code purged-ids})
 *   <li>{@code meta}: {@code format} → layout version, {@code sequence} → last sequence number
 * </ul>
 *
 * <p>Reads run on the caller's thread and see only whole, published commits; writes run one at a
 * time on a dedicated thread and are synced to disk before the method returns ({@link
 * LmdbTransactions}). {@link LmdbLayout} versions the tables, {@link LmdbReceipts} keeps the
 * receipts, {@link LmdbTombstones} the purged ids.
 */
public final class LmdbTcsStore implements TcsStore {

    /** LMDB reserves address space, not disk: the file grows only as data is written. */
    public static final long DEFAULT_MAP_SIZE_BYTES = 4L << 30;

    /**
     * Submits are refused once the tables use this share of the map: the rest keeps completions,
     * receipts and purge writable however fast junk arrives (LMDB copies pages on write).
     */
    public static final int DEFAULT_SUBMIT_LIMIT_PERCENT = 80;

    private static final Logger log = LoggerFactory.getLogger(LmdbTcsStore.class);

    private static final byte[] SEQUENCE_KEY = LmdbKeys.id("sequence", "meta key");
    private static final int TABLE_COUNT = 13;
    // Concurrent read transactions; each holds a slot only for the duration of one call.
    private static final int MAX_READERS = 512;

    // LMDB must not open one environment twice in a process: closing either copy would release the
    // other's file locks. Holds the real paths of the stores open now.
    private static final Set<Path> OPEN_DIRS = ConcurrentHashMap.newKeySet();

    private final Path dataDir;
    private final Env<byte[]> env;
    private final LmdbTransactions txns;
    private final Dbi<byte[]> workers;
    private final Dbi<byte[]> requests;
    private final Dbi<byte[]> responses;
    private final Dbi<byte[]> orders;
    private final Dbi<byte[]> queue;
    private final Dbi<byte[]> completed;
    private final Dbi<byte[]> receipts;
    private final LmdbReceipts receiptTables;
    private final Dbi<byte[]> state;
    private final Dbi<byte[]> meta;
    // Ids of purged work orders, kept (up to a cap) so that a replayed old request is still refused.
    private final LmdbTombstones tombstones;
    // Request hashes of all work orders accepted: a request re-sent under another id is refused.
    private final Dbi<byte[]> requestHashes;
    private final List<Dbi<byte[]>> tables;
    private final LmdbLayout layout;
    // Pages the tables may use before submits are refused (SubmitResult.FULL).
    private final long submitLimitPages;

    private LmdbTcsStore(Path dataDir, Env<byte[]> env, int submitLimitPercent) {
        this.dataDir = dataDir;
        this.env = env;
        this.txns = new LmdbTransactions(dataDir, env);
        workers = table("workers");
        requests = table("requests");
        responses = table("responses");
        orders = table("orders");
        queue = table("queue");
        completed = table("completed");
        receipts = table("receipts");
        Dbi<byte[]> receiptUpdates = table("receipt-updates");
        receiptTables = new LmdbReceipts(receipts, receiptUpdates);
        state = table("state");
        meta = table("meta");
        Dbi<byte[]> purgedIds = table("purged-ids");
        Dbi<byte[]> tombstoneOrder = table("tombstones");
        tombstones = new LmdbTombstones(purgedIds, tombstoneOrder, meta);
        requestHashes = table("request-hashes");
        tables = List.of(
                workers,
                requests,
                responses,
                orders,
                queue,
                completed,
                receipts,
                receiptUpdates,
                state,
                meta,
                purgedIds,
                tombstoneOrder,
                requestHashes);
        layout = new LmdbLayout(dataDir, txns, meta, requests, requestHashes, purgedIds, tombstones);
        submitLimitPages = env.info().mapSize / env.stat().pageSize * submitLimitPercent / 100;
    }

    /** Opens (creating if needed) the store in {@code dataDir} with the default map size. */
    public static LmdbTcsStore open(Path dataDir) {
        return open(dataDir, DEFAULT_MAP_SIZE_BYTES);
    }

    /** Opens the store with the {@linkplain #DEFAULT_SUBMIT_LIMIT_PERCENT default submit limit}. */
    public static LmdbTcsStore open(Path dataDir, long mapSizeBytes) {
        return open(dataDir, mapSizeBytes, DEFAULT_SUBMIT_LIMIT_PERCENT);
    }

    /**
     * Opens (creating if needed) the store in {@code dataDir}.
     *
     * @param mapSizeBytes the most the data may grow to; writes beyond it fail with a {@link
     *     StoreException} until the store is reopened with a larger size
     * @param submitLimitPercent the share of the map (1..100) the tables may use before {@link
     *     #submit} answers {@link SubmitResult#FULL}
     */
    public static LmdbTcsStore open(Path dataDir, long mapSizeBytes, int submitLimitPercent) {
        if (mapSizeBytes <= 0) {
            throw new IllegalArgumentException("map size must be positive: " + mapSizeBytes);
        }
        if (submitLimitPercent < 1 || submitLimitPercent > 100) {
            throw new IllegalArgumentException("submit limit must be 1..100 percent: " + submitLimitPercent);
        }
        Path dir;
        try {
            dir = Files.createDirectories(dataDir).toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the store directory " + dataDir, e);
        }
        if (!OPEN_DIRS.add(dir)) {
            throw new IllegalStateException("the store in " + dir + " is already open in this process");
        }
        Env<byte[]> env = null;
        LmdbTcsStore store = null;
        try {
            env = openEnv(dir, mapSizeBytes);
            store = new LmdbTcsStore(dir, env, submitLimitPercent);
            store.layout.open();
        } catch (RuntimeException e) {
            if (store != null) {
                store.close();
            } else {
                if (env != null) {
                    env.close();
                }
                OPEN_DIRS.remove(dir);
            }
            throw e;
        }
        log.info("Opened LMDB store in {} (map size {} MiB)", dir, env.info().mapSize >> 20);
        return store;
    }

    private static Env<byte[]> openEnv(Path dir, long mapSizeBytes) {
        try {
            return Env.create(PROXY_BA)
                    .setMapSize(mapSizeBytes)
                    .setMaxDbs(TABLE_COUNT)
                    .setMaxReaders(MAX_READERS)
                    .open(dir.toFile(), EnvFlags.MDB_NOTLS);
        } catch (LmdbException e) {
            throw new StoreException("cannot open the LMDB store in " + dir, e);
        }
    }

    // lmdbjava's default range comparator for byte[] is signed, while LMDB orders keys as unsigned
    // bytes: key ranges spanning 0x7F/0x80 would silently stop early. Give it the unsigned one.
    private Dbi<byte[]> table(String name) {
        try {
            return env.openDbi(name, ByteArrayProxy::compareArrays, false, DbiFlags.MDB_CREATE);
        } catch (LmdbException e) {
            throw txns.failure(e);
        }
    }

    // ---- Worker directory ----

    @Override
    public void putWorker(String workerId, byte[] record) {
        byte[] key = LmdbKeys.id(workerId, "workerId");
        Objects.requireNonNull(record, "record");
        txns.update(txn -> workers.put(txn, key, record));
    }

    @Override
    public Optional<byte[]> worker(String workerId) {
        byte[] key = LmdbKeys.id(workerId, "workerId");
        return txns.read(txn -> Optional.ofNullable(workers.get(txn, key)));
    }

    @Override
    public List<String> workerIds(String afterId, int limit) {
        return keys(workers, afterId, limit);
    }

    // ---- Work orders ----

    @Override
    public SubmitResult submit(
            String workOrderId, String workerId, byte[] requestHash, byte[] rawRequest, long receivedAtMillis) {
        byte[] id = LmdbKeys.id(workOrderId, "workOrderId");
        byte[] worker = LmdbKeys.id(workerId, "workerId");
        byte[] hash = RequestHashes.checked(requestHash);
        Objects.requireNonNull(rawRequest, "rawRequest");
        return txns.write(txn -> {
            if (orders.get(txn, id) != null || tombstones.contains(txn, id)) {
                return Arrays.equals(requestHashes.get(txn, hash), id)
                        ? SubmitResult.IDENTICAL
                        : SubmitResult.DUPLICATE;
            }
            if (usedPages(txn) >= submitLimitPages) {
                return SubmitResult.FULL;
            }
            if (!requestHashes.put(txn, hash, id, PutFlags.MDB_NOOVERWRITE)) {
                return SubmitResult.REPLAYED;
            }
            long sequence = nextSequence(txn);
            requests.put(txn, id, rawRequest);
            orders.put(
                    txn,
                    id,
                    OrderMeta.pending(sequence, receivedAtMillis, worker).encode());
            queue.put(txn, LmdbKeys.queueKey(worker, sequence), id);
            return SubmitResult.ACCEPTED;
        });
    }

    /**
     * Pages the tables hold now, from each table's root record (no scan). Pages freed by purge count
     * no more, unlike the environment's last page number, which never shrinks.
     */
    private long usedPages(Txn<byte[]> txn) {
        long pages = 0;
        for (Dbi<byte[]> table : tables) {
            var stat = table.stat(txn);
            pages += stat.branchPages + stat.leafPages + stat.overflowPages;
        }
        return pages;
    }

    private long nextSequence(Txn<byte[]> txn) {
        byte[] last = meta.get(txn, SEQUENCE_KEY);
        long next = last == null ? 1 : LmdbKeys.readLong(last) + 1;
        meta.put(txn, SEQUENCE_KEY, LmdbKeys.longValue(next));
        return next;
    }

    @Override
    public Optional<byte[]> request(String workOrderId) {
        return valueOf(requests, workOrderId);
    }

    @Override
    public Optional<byte[]> response(String workOrderId) {
        return valueOf(responses, workOrderId);
    }

    /** What {@code table} holds under a work order's id. */
    private Optional<byte[]> valueOf(Dbi<byte[]> table, String workOrderId) {
        byte[] id = LmdbKeys.id(workOrderId, "workOrderId");
        return txns.read(txn -> Optional.ofNullable(table.get(txn, id)));
    }

    @Override
    public Optional<WorkOrderInfo> workOrder(String workOrderId) {
        byte[] id = LmdbKeys.id(workOrderId, "workOrderId");
        return txns.read(txn -> Optional.ofNullable(orders.get(txn, id)))
                .map(OrderMeta::decode)
                .map(order -> new WorkOrderInfo(
                        workOrderId, LmdbKeys.string(order.workerId()), order.receivedAtMillis(), order.status()));
    }

    /** A completed work order's times, as {@link #lastCompleted} lists them. */
    public record CompletedWorkOrder(
            String workOrderId, String workerId, long receivedAtMillis, long completedAtMillis) {}

    /**
     * The work orders completed last, newest first, at most {@code limit}: the history an operator's
     * view shows again after a restart.
     */
    public List<CompletedWorkOrder> lastCompleted(int limit) {
        return txns.read(txn -> {
            List<CompletedWorkOrder> found = new ArrayList<>();
            try (CursorIterable<byte[]> newestFirst = completed.iterate(txn, KeyRange.allBackward())) {
                for (KeyVal<byte[]> entry : newestFirst) {
                    if (found.size() == limit) {
                        break;
                    }
                    byte[] meta = orders.get(txn, entry.val());
                    if (meta != null) {
                        OrderMeta order = OrderMeta.decode(meta);
                        found.add(new CompletedWorkOrder(
                                LmdbKeys.string(entry.val()),
                                LmdbKeys.string(order.workerId()),
                                order.receivedAtMillis(),
                                order.completedAtMillis()));
                    }
                }
            }
            return found;
        });
    }

    @Override
    public List<String> pending(String workerId) {
        byte[] worker = LmdbKeys.id(workerId, "workerId");
        KeyRange<byte[]> fifo = KeyRange.closed(LmdbKeys.queueKey(worker, 0), LmdbKeys.queueKey(worker, -1L));
        return txns.read(txn -> {
            List<String> ids = new ArrayList<>();
            try (CursorIterable<byte[]> entries = queue.iterate(txn, fifo)) {
                entries.forEach(entry -> ids.add(LmdbKeys.string(entry.val())));
            }
            return Collections.unmodifiableList(ids);
        });
    }

    @Override
    public long pendingCount() {
        return txns.read(txn -> queue.stat(txn).entries);
    }

    @Override
    public boolean complete(Completion completion) {
        byte[] id = LmdbKeys.id(completion.workOrderId(), "workOrderId");
        byte[] response = Objects.requireNonNull(completion.response(), "response");
        List<StateWrite> stateWrites = encodeStateWrites(completion.stateWrites());
        return txns.write(txn -> {
            byte[] stored = orders.get(txn, id);
            if (stored == null) {
                return false;
            }
            OrderMeta order = OrderMeta.decode(stored);
            if (order.status() == Status.COMPLETED) {
                return false;
            }
            long completedAt = completion.completedAtMillis();
            responses.put(txn, id, response);
            queue.delete(txn, LmdbKeys.queueKey(order.workerId(), order.sequence()));
            orders.put(txn, id, order.completed(completedAt).encode());
            completed.put(txn, LmdbKeys.completedKey(completedAt, order.sequence()), id);
            stateWrites.forEach(write -> write.apply(txn, state));
            receiptTables.appendBuilt(txn, id, completion.receiptUpdate());
            return true;
        });
    }

    /** One state write; a null value removes the key. */
    private record StateWrite(byte[] key, byte[] value) {
        void apply(Txn<byte[]> txn, Dbi<byte[]> table) {
            if (value == null) {
                table.delete(txn, key);
            } else {
                table.put(txn, key, value);
            }
        }
    }

    private static List<StateWrite> encodeStateWrites(Map<String, byte[]> writes) {
        Objects.requireNonNull(writes, "stateWrites");
        return writes.entrySet().stream()
                .map(entry -> new StateWrite(LmdbKeys.id(entry.getKey(), "state key"), entry.getValue()))
                .toList();
    }

    @Override
    public int purge(long completedBeforeMillis, long maxRetained, long floorMillis) {
        return PurgeBatch.purgeAll(
                maxRetained,
                log,
                "the maximum or the map size",
                () -> txns.write(txn -> purgeBatch(txn, completedBeforeMillis, maxRetained, floorMillis)));
    }

    private PurgeBatch purgeBatch(Txn<byte[]> txn, long completedBeforeMillis, long maxRetained, long floorMillis) {
        long excess = completed.stat(txn).entries - maxRetained;
        List<byte[]> indexKeys = new ArrayList<>();
        List<byte[]> ids = new ArrayList<>();
        try (CursorIterable<byte[]> oldestFirst = completed.iterate(txn)) {
            for (KeyVal<byte[]> entry : oldestFirst) {
                long completedAt = LmdbKeys.completedAt(entry.key());
                boolean expired = completedAt < completedBeforeMillis;
                // Oldest first: once one is under the floor, so are the rest.
                if (ids.size() == PurgeBatch.SIZE || !(expired || excess > 0) || completedAt >= floorMillis) {
                    break;
                }
                indexKeys.add(entry.key());
                ids.add(entry.val());
                excess--;
            }
        }
        // Deleted only now: deleting under an open CursorIterable would move its cursor.
        for (int i = 0; i < ids.size(); i++) {
            completed.delete(txn, indexKeys.get(i));
            removeWorkOrder(txn, ids.get(i));
        }
        return new PurgeBatch(ids.size(), ids.size() < PurgeBatch.SIZE ? Math.max(excess, 0) : 0);
    }

    @Override
    public long dropTombstones(long maxKept) {
        if (maxKept < 0) {
            throw new IllegalArgumentException("maxKept must not be negative: " + maxKept);
        }
        return PurgeBatch.inBatches(() -> txns.write(txn -> tombstones.dropBatch(txn, maxKept)));
    }

    // The request hash stays in request-hashes, refusing replays as the tombstone in purged-ids does.
    private void removeWorkOrder(Txn<byte[]> txn, byte[] id) {
        tombstones.add(txn, id);
        requests.delete(txn, id);
        responses.delete(txn, id);
        orders.delete(txn, id);
        receiptTables.remove(txn, id);
    }

    // ---- Receipts ----

    @Override
    public boolean createReceipt(String workOrderId, byte[] rawCreateRequest) {
        byte[] id = LmdbKeys.id(workOrderId, "workOrderId");
        Objects.requireNonNull(rawCreateRequest, "rawCreateRequest");
        return txns.write(txn -> receiptTables.create(txn, id, rawCreateRequest));
    }

    @Override
    public Optional<byte[]> receipt(String workOrderId) {
        byte[] id = LmdbKeys.id(workOrderId, "workOrderId");
        return txns.read(txn -> Optional.ofNullable(receiptTables.receipt(txn, id)));
    }

    @Override
    public List<byte[]> receiptUpdates(String workOrderId) {
        byte[] id = LmdbKeys.id(workOrderId, "workOrderId");
        return txns.read(txn -> receiptTables.updates(txn, id));
    }

    @Override
    public boolean appendReceiptUpdate(String workOrderId, int expectedCount, byte[] update) {
        byte[] id = LmdbKeys.id(workOrderId, "workOrderId");
        if (expectedCount < 0) {
            throw new IllegalArgumentException("expectedCount must not be negative: " + expectedCount);
        }
        Objects.requireNonNull(update, "update");
        return txns.write(txn -> receiptTables.append(txn, id, expectedCount, update));
    }

    @Override
    public List<String> receiptIds(String afterId, int limit) {
        return keys(receipts, afterId, limit);
    }

    // ---- Workload state ----

    @Override
    public Optional<byte[]> state(String key) {
        byte[] stateKey = LmdbKeys.id(key, "state key");
        return txns.read(txn -> Optional.ofNullable(state.get(txn, stateKey)));
    }

    @Override
    public int importState(Map<String, byte[]> values) {
        List<StateWrite> writes = encodeStateWrites(values);
        if (writes.stream().anyMatch(write -> write.value() == null)) {
            throw new IllegalArgumentException("an imported state value cannot be null");
        }
        return txns.write(txn -> (int) writes.stream()
                .filter(write -> state.put(txn, write.key(), write.value(), PutFlags.MDB_NOOVERWRITE))
                .count());
    }

    // ---- Lifecycle ----

    @Override
    public void close() {
        txns.close(() -> {
            OPEN_DIRS.remove(dataDir);
            log.info("Closed LMDB store in {}", dataDir);
        });
    }

    /** At most {@code limit} of the ids {@code table} is keyed by after {@code afterId}, in key order. */
    private List<String> keys(Dbi<byte[]> table, String afterId, int limit) {
        byte[] after = StoreIds.after(afterId, LmdbKeys.MAX_ID_BYTES, limit);
        // LMDB refuses an empty key to position a cursor at.
        KeyRange<byte[]> range = after.length == 0 ? KeyRange.all() : KeyRange.greaterThan(after);
        return txns.read(txn -> {
            List<String> keys = new ArrayList<>();
            try (CursorIterable<byte[]> entries = table.iterate(txn, range)) {
                for (KeyVal<byte[]> entry : entries) {
                    if (keys.size() == limit) {
                        break;
                    }
                    keys.add(LmdbKeys.string(entry.key()));
                }
            }
            return Collections.unmodifiableList(keys);
        });
    }
}
