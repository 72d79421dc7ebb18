package io.camelot.store.postgres;

import io.camelot.store.PurgeBatch;
import io.camelot.store.StoreIds;
import io.camelot.store.TcsStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TcsStore} that many processes on many hosts share: PostgreSQL through a HikariCP pool.
 * Each mutating method is one PostgreSQL transaction, committed (and so durable under PostgreSQL's
 * default {@code synchronous_commit}) before it returns.
 *
 * <p>The same database carries the shared work order queue ({@link PostgresQueueTable}, on this
 * store's connections): submissions and completions announce themselves on the channels of {@link
 * PostgresNotifications}, and a completion releases the work orders its dependencies held back.
 */
public final class PostgresTcsStore implements TcsStore {
    // "CAMELOT" + 2: one purge at a time cluster-wide.
    private static final long PURGE_LOCK = 0x43414d454c4f5402L;

    // The oldest tombstones beyond a number kept, a batch at a time; max(seq) and the range are index
    // lookups.
    private static final String DROP_TOMBSTONES = """
            DELETE FROM purged_ids WHERE seq IN (
              SELECT seq FROM purged_ids WHERE seq <= (SELECT max(seq) FROM purged_ids) - ? ORDER BY seq LIMIT ?)""";

    // The insert with its request hash, and the wake-up of the worker's processes, which PostgreSQL
    // delivers only if the insert commits: one statement, so one round trip.
    private static final String SUBMIT = """
      WITH inserted AS (INSERT INTO work_orders (id, worker_id, received_at, request)
          SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM purged_ids WHERE id = ?)
          AND NOT EXISTS (SELECT 1 FROM request_hashes WHERE hash = ?)
          ON CONFLICT (id) DO NOTHING RETURNING id, worker_id),
        hashed AS (INSERT INTO request_hashes (hash, id) SELECT ?, id FROM inserted)
      SELECT pg_notify('%s', encode(worker_id, 'hex')) FROM inserted""".formatted(PostgresNotifications.SUBMITTED_CHANNEL);

    // The row lock taken by the update makes a concurrent completion wait, then see completed_at set
    // and update nothing: one completion wins. A gated work order's resource rows go with it; the
    // workers of the pending work orders it held back (its successors, and those waiting for its
    // resources) are woken, as by a submission.
    private static final String COMPLETE =
            """
      WITH done AS (UPDATE work_orders SET response = ?, completed_at = ?,
            lease_owner = NULL, lease_expires = NULL
          WHERE id = ? AND completed_at IS NULL RETURNING id, gated),
        freed AS (DELETE FROM work_order_resources r USING done
          WHERE done.gated AND r.id = done.id RETURNING r.id, r.resource),
        woken AS (SELECT s.worker_id FROM done
            JOIN work_order_after a ON a.predecessor = done.id
            JOIN work_orders s ON s.id = a.id WHERE s.completed_at IS NULL
          UNION SELECT w.worker_id FROM freed
            JOIN work_order_resources o ON o.resource = freed.resource AND o.id <> freed.id
            JOIN work_orders w ON w.id = o.id WHERE w.completed_at IS NULL)
      SELECT pg_notify('%s', encode(id, 'hex')),
        (SELECT count(pg_notify('%s', encode(worker_id, 'hex'))) FROM woken)
      FROM done""".formatted(PostgresNotifications.COMPLETED_CHANNEL, PostgresNotifications.SUBMITTED_CHANNEL);

    private static final String PURGE_CANDIDATES =
            "SELECT id, completed_at FROM work_orders WHERE completed_at IS NOT NULL ORDER BY completed_at, seq LIMIT "
                    + PurgeBatch.SIZE;

    private static final Logger log = LoggerFactory.getLogger(PostgresTcsStore.class);

    private final Jdbc jdbc;

    private PostgresTcsStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Connects and creates the tables if the database has none yet, or upgrades an older layout in
     * place ({@link PostgresSchema}).
     *
     * @throws io.camelot.store.StoreException if PostgreSQL is unreachable or holds another layout
     *     version
     */
    public static PostgresTcsStore open(PostgresSettings settings) {
        Jdbc jdbc = Jdbc.connect(settings);
        try {
            PostgresSchema.migrate(jdbc);
        } catch (RuntimeException e) {
            jdbc.close();
            throw e;
        }
        log.info("Opened PostgreSQL store at {} (pool of {})", settings.url(), settings.poolSize());
        return new PostgresTcsStore(jdbc);
    }

    /** The connections, shared with the queue table of this database. */
    Jdbc jdbc() {
        return jdbc;
    }

    // ---- Worker directory ----

    @Override
    public void putWorker(String workerId, byte[] record) {
        byte[] id = Ids.encode(workerId, "workerId");
        Objects.requireNonNull(record, "record");
        jdbc.update(
                "INSERT INTO workers (id, record) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET record = EXCLUDED.record",
                id,
                record);
    }

    @Override
    public Optional<byte[]> worker(String workerId) {
        return jdbc.bytes("SELECT record FROM workers WHERE id = ?", Ids.encode(workerId, "workerId"));
    }

    @Override
    public List<String> workerIds(String afterId, int limit) {
        return jdbc.ids("SELECT id FROM workers WHERE id > ? ORDER BY id LIMIT " + limit, after(afterId, limit));
    }

    // ---- Work orders ----

    @Override
    public SubmitResult submit(
            String workOrderId, String workerId, byte[] requestHash, byte[] rawRequest, long receivedAtMillis) {
        Submission submission = Submission.of(workOrderId, workerId, requestHash, rawRequest, receivedAtMillis);
        return jdbc.connection(c -> {
            try (PreparedStatement s = c.prepareStatement(SUBMIT)) {
                return submission.insert(c, s);
            }
        });
    }

    @Override
    public Optional<byte[]> request(String workOrderId) {
        return jdbc.bytes("SELECT request FROM work_orders WHERE id = ?", Ids.encode(workOrderId, "workOrderId"));
    }

    @Override
    public Optional<byte[]> response(String workOrderId) {
        return jdbc.bytes(
                "SELECT response FROM work_orders WHERE id = ? AND completed_at IS NOT NULL",
                Ids.encode(workOrderId, "workOrderId"));
    }

    @Override
    public Optional<WorkOrderInfo> workOrder(String workOrderId) {
        byte[] id = Ids.encode(workOrderId, "workOrderId");
        return jdbc.connection(c -> {
            try (PreparedStatement s =
                    c.prepareStatement("SELECT worker_id, received_at, completed_at FROM work_orders WHERE id = ?")) {
                s.setBytes(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    rs.getLong(3);
                    Status status = rs.wasNull() ? Status.PENDING : Status.COMPLETED;
                    return Optional.of(
                            new WorkOrderInfo(workOrderId, Ids.decode(rs.getBytes(1)), rs.getLong(2), status));
                }
            }
        });
    }

    @Override
    public List<String> pending(String workerId) {
        return jdbc.ids(
                "SELECT id FROM work_orders WHERE worker_id = ? AND completed_at IS NULL ORDER BY seq",
                Ids.encode(workerId, "workerId"));
    }

    @Override
    public long pendingCount() {
        return jdbc.connection(c -> Jdbc.count(c, "SELECT count(*) FROM work_orders WHERE completed_at IS NULL"));
    }

    @Override
    public boolean complete(Completion completion) {
        byte[] id = Ids.encode(completion.workOrderId(), "workOrderId");
        byte[] response = Objects.requireNonNull(completion.response(), "response");
        List<StateWrite> stateWrites = encodeStateWrites(completion.stateWrites());
        return jdbc.transaction(c -> {
            // The row lock taken by the update makes a concurrent completion wait, then see
            // completed_at set and update nothing: one completion wins. A gated work order's
            // resource rows go with it; the workers of the pending work orders it held back (its
            // successors, and those waiting for its resources) are woken, as by a submission.
            try (PreparedStatement s = c.prepareStatement(COMPLETE)) {
                s.setBytes(1, response);
                s.setLong(2, completion.completedAtMillis());
                s.setBytes(3, id);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                }
            }
            writeState(c, stateWrites);
            appendBuiltReceiptUpdate(c, id, completion.receiptUpdate());
            return true;
        });
    }

    /** One state write; a null value removes the key. */
    private record StateWrite(byte[] key, byte[] value) {}

    /**
     * Sorted by key, so that concurrent completions lock state rows in one order and never deadlock.
     */
    private static List<StateWrite> encodeStateWrites(Map<String, byte[]> writes) {
        Objects.requireNonNull(writes, "stateWrites");
        return writes.entrySet().stream()
                .map(entry -> new StateWrite(Ids.encode(entry.getKey(), "state key"), entry.getValue()))
                .sorted(Comparator.comparing(StateWrite::key, Arrays::compareUnsigned))
                .toList();
    }

    private static void writeState(Connection c, List<StateWrite> writes) throws SQLException {
        if (writes.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = c.prepareStatement(
                        "INSERT INTO state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value");
                PreparedStatement delete = c.prepareStatement("DELETE FROM state WHERE key = ?")) {
            for (StateWrite write : writes) {
                if (write.value() == null) {
                    delete.setBytes(1, write.key());
                    delete.addBatch();
                } else {
                    upsert.setBytes(1, write.key());
                    upsert.setBytes(2, write.value());
                    upsert.addBatch();
                }
            }
            upsert.executeBatch();
            delete.executeBatch();
        }
    }

    private static void appendBuiltReceiptUpdate(Connection c, byte[] id, ReceiptUpdateFactory factory)
            throws SQLException {
        if (factory == null) {
            return;
        }
        byte[] rawCreate = lockReceipt(c, id);
        if (rawCreate == null) {
            return;
        }
        List<byte[]> existing = updates(c, id);
        byte[] update = Jdbc.holdingConnection(() -> factory.build(rawCreate, existing));
        if (update != null) {
            insertUpdate(c, id, existing.size(), update);
        }
    }

    @Override
    public int purge(long completedBeforeMillis, long maxRetained, long floorMillis) {
        return PurgeBatch.purgeAll(
                maxRetained,
                log,
                "the maximum",
                () -> jdbc.transaction(c -> purgeBatch(c, completedBeforeMillis, maxRetained, floorMillis)));
    }

    private static PurgeBatch purgeBatch(Connection c, long completedBeforeMillis, long maxRetained, long floorMillis)
            throws SQLException {
        long excess;
        try (Statement s = c.createStatement()) {
            // Another process purging now does the same work: leave it to that one.
            try (ResultSet rs = s.executeQuery("SELECT pg_try_advisory_xact_lock(" + PURGE_LOCK + ")")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return new PurgeBatch(0, 0);
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM work_orders WHERE completed_at IS NOT NULL")) {
                rs.next();
                excess = rs.getLong(1) - maxRetained;
            }
        }
        List<byte[]> ids = new ArrayList<>();
        boolean floorReached = false;
        try (PreparedStatement s = c.prepareStatement(PURGE_CANDIDATES)) {
            try (ResultSet rs = s.executeQuery()) {
                // Oldest first: the expired ones, the excess ones and those above the floor are all a
                // prefix.
                while (rs.next() && (rs.getLong(2) < completedBeforeMillis || excess > 0)) {
                    if (rs.getLong(2) >= floorMillis) {
                        floorReached = true;
                        break;
                    }
                    ids.add(rs.getBytes(1));
                    excess--;
                }
            }
        }
        long keptByFloor = floorReached ? Math.max(excess, 0) : 0;
        if (ids.isEmpty()) {
            return new PurgeBatch(0, keptByFloor);
        }
        java.sql.Array idArray = c.createArrayOf("bytea", ids.toArray(new byte[0][]));
        // Tombstones for the ids; their request_hashes rows stay, refusing replays under other ids.
        try (PreparedStatement s =
                c.prepareStatement("INSERT INTO purged_ids (id) SELECT unnest(?::bytea[]) ON CONFLICT DO NOTHING")) {
            s.setArray(1, idArray);
            s.executeUpdate();
        }
        for (String table :
                List.of("receipt_updates", "receipts", "work_order_after", "work_order_resources", "work_orders")) {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE id = ANY(?)")) {
                s.setArray(1, idArray);
                s.executeUpdate();
            }
        }
        return new PurgeBatch(ids.size(), keptByFloor);
    }

    /**
     * Ids are numbered in purge order ({@code seq}), so the newest {@code maxKept} are those above the
     * last number minus {@code maxKept}; numbers a rolled-back purge used only make it keep fewer.
     */
    @Override
    public long dropTombstones(long maxKept) {
        if (maxKept < 0) {
            throw new IllegalArgumentException("maxKept must not be negative: " + maxKept);
        }
        return PurgeBatch.inBatches(() -> jdbc.connection(c -> {
            try (PreparedStatement s = c.prepareStatement(DROP_TOMBSTONES)) {
                s.setLong(1, maxKept);
                s.setInt(2, PurgeBatch.SIZE);
                return s.executeUpdate();
            }
        }));
    }

    // ---- Receipts ----

    @Override
    public boolean createReceipt(String workOrderId, byte[] rawCreateRequest) {
        byte[] id = Ids.encode(workOrderId, "workOrderId");
        Objects.requireNonNull(rawCreateRequest, "rawCreateRequest");
        return jdbc.update(
                        "INSERT INTO receipts (id, create_request) VALUES (?, ?) ON CONFLICT (id) DO NOTHING",
                        id,
                        rawCreateRequest)
                == 1;
    }

    @Override
    public Optional<byte[]> receipt(String workOrderId) {
        return jdbc.bytes("SELECT create_request FROM receipts WHERE id = ?", Ids.encode(workOrderId, "workOrderId"));
    }

    @Override
    public List<byte[]> receiptUpdates(String workOrderId) {
        byte[] id = Ids.encode(workOrderId, "workOrderId");
        return jdbc.connection(c -> updates(c, id));
    }

    @Override
    public boolean appendReceiptUpdate(String workOrderId, int expectedCount, byte[] update) {
        byte[] id = Ids.encode(workOrderId, "workOrderId");
        if (expectedCount < 0) {
            throw new IllegalArgumentException("expectedCount must not be negative: " + expectedCount);
        }
        Objects.requireNonNull(update, "update");
        // The receipt's row lock serialises appenders (and completions appending the worker's update).
        return jdbc.transaction(c -> {
            if (lockReceipt(c, id) == null || countUpdates(c, id) != expectedCount) {
                return false;
            }
            insertUpdate(c, id, expectedCount, update);
            return true;
        });
    }

    @Override
    public List<String> receiptIds(String afterId, int limit) {
        return jdbc.ids("SELECT id FROM receipts WHERE id > ? ORDER BY id LIMIT " + limit, after(afterId, limit));
    }

    // bytea compares as unsigned bytes, as keys order; the primary key's index serves the range.
    private static byte[] after(String afterId, int limit) {
        return StoreIds.after(afterId, Ids.MAX_BYTES, limit);
    }

    private static byte[] lockReceipt(Connection c, byte[] id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT create_request FROM receipts WHERE id = ? FOR UPDATE")) {
            s.setBytes(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        }
    }

    private static int countUpdates(Connection c, byte[] id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM receipt_updates WHERE id = ?")) {
            s.setBytes(1, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static List<byte[]> updates(Connection c, byte[] id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT body FROM receipt_updates WHERE id = ? ORDER BY idx")) {
            s.setBytes(1, id);
            try (ResultSet rs = s.executeQuery()) {
                List<byte[]> updates = new ArrayList<>();
                while (rs.next()) {
                    updates.add(rs.getBytes(1));
                }
                return Collections.unmodifiableList(updates);
            }
        }
    }

    private static void insertUpdate(Connection c, byte[] id, int index, byte[] update) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO receipt_updates (id, idx, body) VALUES (?, ?, ?)")) {
            s.setBytes(1, id);
            s.setInt(2, index);
            s.setBytes(3, update);
            s.executeUpdate();
        }
    }

    // ---- Workload state ----

    @Override
    public Optional<byte[]> state(String key) {
        return jdbc.bytes("SELECT value FROM state WHERE key = ?", Ids.encode(key, "state key"));
    }

    @Override
    public int importState(Map<String, byte[]> values) {
        List<StateWrite> writes = encodeStateWrites(values);
        if (writes.stream().anyMatch(write -> write.value() == null)) {
            throw new IllegalArgumentException("an imported state value cannot be null");
        }
        return jdbc.transaction(c -> {
            try (PreparedStatement s =
                    c.prepareStatement("INSERT INTO state (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING")) {
                int written = 0;
                for (StateWrite write : writes) {
                    s.setBytes(1, write.key());
                    s.setBytes(2, write.value());
                    written += s.executeUpdate();
                }
                return written;
            }
        });
    }

    // ---- Lifecycle ----

    @Override
    public void close() {
        if (jdbc.closed()) {
            return;
        }
        jdbc.close();
        log.info("Closed PostgreSQL store at {}", jdbc.settings().url());
    }
}
