package io.camelot.store.postgres;

import io.camelot.protocol.model.Dependencies;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.scheduler.DependencyRules;
import io.camelot.store.TcsStore;
import io.camelot.store.TcsStore.SubmitResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shared work order queue in a {@link PostgresTcsStore}'s database, on the store's connections:
 * pending rows of {@code work_orders} are claimed under a lease ({@link #claim}, {@code FOR UPDATE
 * SKIP LOCKED}) by any number of worker processes, with the dependencies work orders declared
 * (docs/dependencies.md) stored beside them. Commits announce themselves on the channels of {@link
 * PostgresNotifications}.
 */
public final class PostgresQueueTable {
    // "CAMELOT" + 3: one claim of gated work orders at a time cluster-wide.
    private static final long GATED_CLAIM_LOCK = 0x43414d454c4f5403L;

    // The plain insert of PostgresTcsStore, plus the work order's predecessors and resources.
    private static final String SUBMIT_GATED = """
      WITH inserted AS (INSERT INTO work_orders (id, worker_id, received_at, request, gated)
          SELECT ?, ?, ?, ?, true WHERE NOT EXISTS (SELECT 1 FROM purged_ids WHERE id = ?)
          AND NOT EXISTS (SELECT 1 FROM request_hashes WHERE hash = ?)
          ON CONFLICT (id) DO NOTHING RETURNING id, worker_id, seq),
        hashed AS (INSERT INTO request_hashes (hash, id) SELECT ?, id FROM inserted),
        after_rows AS (INSERT INTO work_order_after (id, idx, predecessor)
          SELECT inserted.id, p.idx, p.predecessor
          FROM inserted, unnest(?::bytea[]) WITH ORDINALITY AS p(predecessor, idx)),
        resource_rows AS (INSERT INTO work_order_resources (id, resource, seq, exclusive)
          SELECT inserted.id, r.resource, inserted.seq, r.exclusive
          FROM inserted, unnest(?::bytea[], ?::boolean[]) AS r(resource, exclusive))
      SELECT pg_notify('%s', encode(worker_id, 'hex')) FROM inserted""".formatted(PostgresNotifications.SUBMITTED_CHANNEL);

    private static final String PREDECESSORS = """
      SELECT a.predecessor, p.response FROM work_order_after a
      LEFT JOIN work_orders p ON p.id = a.predecessor AND p.completed_at IS NOT NULL
      WHERE a.id = ? ORDER BY a.idx""";

    // Parameters of both claims: owner, lease millis, workers, max. The plain claim also says, in a
    // row of nulls, whether gated work orders are waiting (workers again): work orders without
    // dependencies pay no extra round trip.
    private static final String CLAIM_PLAIN = """
      WITH claimed AS (UPDATE work_orders w SET lease_owner = ?,
          lease_expires = now() + ? * interval '1 millisecond', attempts = attempts + 1
        FROM (SELECT id FROM work_orders WHERE completed_at IS NULL AND NOT gated
          AND worker_id = ANY(?) AND (lease_expires IS NULL OR lease_expires < now())
          ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED) claimable
        WHERE w.id = claimable.id
        RETURNING w.id, w.worker_id, w.request, w.attempts, w.seq, w.gated, w.received_at)
      SELECT * FROM claimed UNION ALL
      SELECT NULL::bytea, NULL::bytea, NULL::bytea, NULL::integer, NULL::bigint, NULL::boolean,
        NULL::bigint
      WHERE EXISTS (SELECT 1 FROM work_orders WHERE gated AND completed_at IS NULL
        AND worker_id = ANY(?) AND (lease_expires IS NULL OR lease_expires < now()))""";

    private static final String CLAIM_GATED = """
      UPDATE work_orders w SET lease_owner = ?,
        lease_expires = now() + ? * interval '1 millisecond', attempts = attempts + 1
      FROM (SELECT c.id FROM work_orders c WHERE c.gated AND c.completed_at IS NULL
        AND c.worker_id = ANY(?) AND (c.lease_expires IS NULL OR c.lease_expires < now())
        AND NOT EXISTS (SELECT 1 FROM work_order_after a JOIN work_orders p ON p.id = a.predecessor
          WHERE a.id = c.id AND p.completed_at IS NULL)
        AND NOT EXISTS (SELECT 1 FROM work_order_resources r
          JOIN work_order_resources o ON o.resource = r.resource AND o.id <> r.id
            AND (r.exclusive OR o.exclusive)
          JOIN work_orders ow ON ow.id = o.id
          WHERE r.id = c.id AND ow.completed_at IS NULL AND (o.seq < c.seq OR ow.lease_expires >= now()))
        ORDER BY c.seq LIMIT ? FOR UPDATE OF c SKIP LOCKED) claimable
      WHERE w.id = claimable.id
      RETURNING w.id, w.worker_id, w.request, w.attempts, w.seq, w.gated, w.received_at""";

    private static final String RENEW_LEASES = """
      UPDATE work_orders SET lease_expires = now() + ? * interval '1 millisecond'
      WHERE lease_owner = ? AND completed_at IS NULL AND id = ANY(?)""";

    private static final String QUEUE_DEPTH = """
      SELECT count(*) FILTER (WHERE lease_expires IS NULL OR lease_expires < now()),
             count(*) FILTER (WHERE lease_expires >= now())
      FROM work_orders WHERE worker_id = ? AND completed_at IS NULL""";

    private static final String PENDING_TOTALS = """
      SELECT count(*), coalesce(sum(octet_length(request)), 0)
      FROM work_orders WHERE completed_at IS NULL""";

    // Parameters: owner, lease millis, received before (millis), max.
    private static final String LEASE_STALE = """
      UPDATE work_orders w SET lease_owner = ?,
        lease_expires = now() + ? * interval '1 millisecond'
      FROM (SELECT id FROM work_orders WHERE completed_at IS NULL AND received_at < ?
        AND (lease_expires IS NULL OR lease_expires < now())
        ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED) stale
      WHERE w.id = stale.id
      RETURNING w.id, w.worker_id, w.received_at""";

    // Parameters: worker, owner, lease millis, worker.
    private static final String SERVE = """
      WITH beat AS (INSERT INTO workers_served (worker_id, owner, expires)
          VALUES (?, ?, now() + ? * interval '1 millisecond')
          ON CONFLICT (worker_id, owner) DO UPDATE SET expires = EXCLUDED.expires)
      DELETE FROM workers_served WHERE worker_id = ? AND expires < now()""";

    private static final String UNSERVE = "DELETE FROM workers_served WHERE worker_id = ? AND owner = ?";

    private static final String SERVED_FOR = """
      SELECT coalesce(ceil(extract(epoch FROM max(expires) - now()) * 1000), 0)::bigint
      FROM workers_served WHERE worker_id = ?""";

    private static final String ANNOUNCE_RECEIPT =
            "SELECT pg_notify('" + PostgresNotifications.RECEIPT_CHANNEL + "', ?)";

    private final PostgresTcsStore store;
    private final Jdbc jdbc;

    /** The queue in {@code store}'s database; closing the store closes it. */
    public PostgresQueueTable(PostgresTcsStore store) {
        this.store = store;
        this.jdbc = store.jdbc();
    }

    /** The store the queue lives in. */
    public TcsStore store() {
        return store;
    }

    /** Where the database is: the notification connections of the queue's users go there too. */
    public PostgresSettings settings() {
        return jdbc.settings();
    }

    /**
     * Stores a work order with its declared dependencies, in one statement: its predecessors and
     * resources are in the database from the moment the work order is visible to any claimer. A work
     * order without predecessors or resources is stored as by {@link TcsStore#submit}. The caller has
     * checked the dependencies ({@link DependencyRules#checkAdmissible}); resources are stored as
     * locks scoped to the requester key ({@link DependencyRules#lockModes}).
     *
     * @param params the parsed request, or null
     */
    public SubmitResult submit(
            String workOrderId,
            String workerId,
            byte[] requestHash,
            byte[] rawRequest,
            long receivedAtMillis,
            WorkOrderSubmitParams params) {
        Dependencies deps = params == null ? null : params.dependencies();
        if (!DependencyRules.gated(deps)) {
            return store.submit(workOrderId, workerId, requestHash, rawRequest, receivedAtMillis);
        }
        Submission submission = Submission.of(workOrderId, workerId, requestHash, rawRequest, receivedAtMillis);
        byte[][] predecessors = deps.afterIds().stream()
                .distinct()
                .map(p -> Ids.encode(p, "predecessor id"))
                .toArray(byte[][]::new);
        Map<String, Boolean> exclusive = DependencyRules.lockModes(params);
        byte[][] resources = exclusive.keySet().stream()
                .map(name -> Ids.encode(name, "resource"))
                .toArray(byte[][]::new);
        Boolean[] modes = exclusive.values().toArray(Boolean[]::new);
        return jdbc.connection(c -> {
            try (PreparedStatement s = c.prepareStatement(SUBMIT_GATED)) {
                s.setArray(8, c.createArrayOf("bytea", predecessors));
                s.setArray(9, c.createArrayOf("bytea", resources));
                s.setArray(10, c.createArrayOf("boolean", modes));
                return submission.insert(c, s);
            }
        });
    }

    /** A declared predecessor of a work order, with its stored response; empty if it was purged. */
    public record Predecessor(String workOrderId, Optional<byte[]> response) {}

    /** The predecessors a work order declared ({@code dependencies.after}), in declared order. */
    public List<Predecessor> predecessors(String workOrderId) {
        byte[] id = Ids.encode(workOrderId, "workOrderId");
        return jdbc.connection(c -> {
            try (PreparedStatement s = c.prepareStatement(PREDECESSORS)) {
                s.setBytes(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    List<Predecessor> predecessors = new ArrayList<>();
                    while (rs.next()) {
                        predecessors.add(
                                new Predecessor(Ids.decode(rs.getBytes(1)), Optional.ofNullable(rs.getBytes(2))));
                    }
                    return predecessors;
                }
            }
        });
    }

    /**
     * A pending work order this process now holds a lease on.
     *
     * @param gated it declared predecessors or resources: all its predecessors have completed (see
     *     {@link #predecessors} for how) and it holds its resources until it completes
     * @param receivedAtMillis when a listener admitted it (that listener's clock)
     */
    public record Claim(
            String workOrderId,
            String workerId,
            byte[] rawRequest,
            int attempt,
            boolean gated,
            long receivedAtMillis) {}

    /**
     * Leases up to {@code max} pending work orders of the given workers, oldest first, skipping those
     * another process holds an unexpired lease on. Rows locked by a concurrent claim are skipped, not
     * waited for, so any number of processes drain one queue and each work order goes to one of them.
     * A lease that expires (its holder crashed) makes the work order claimable again.
     *
     * <p>Work orders that declared dependencies ({@code gated}) are claimed after the plain ones, and
     * only when every predecessor has completed and no conflicting work order (on a shared resource,
     * at least one of the two writing) is pending with a lower seq or holds a live lease: readers
     * share a resource, a writer has it alone, in submission order, and every wait points to a lower
     * seq, so none can be circular. Those claims take a cluster-wide advisory lock first, so that
     * each sees the leases the previous one committed.
     *
     * @param owner identifies this process in the lease (for renewals)
     */
    public List<Claim> claim(Collection<String> workerIds, String owner, int max, Duration lease) {
        if (workerIds.isEmpty() || max < 1) {
            return List.of();
        }
        byte[][] workers =
                workerIds.stream().map(id -> Ids.encode(id, "workerId")).toArray(byte[][]::new);
        return jdbc.transaction(c -> {
            skipCommitFlush(c);
            java.sql.Array workerArray = c.createArrayOf("bytea", workers);
            List<Claim> claims = new ArrayList<>();
            boolean gatedWaiting = claimRows(c, CLAIM_PLAIN, true, owner, lease, workerArray, max, claims);
            if (gatedWaiting && claims.size() < max) {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT pg_advisory_xact_lock(" + GATED_CLAIM_LOCK + ")");
                }
                claimRows(c, CLAIM_GATED, false, owner, lease, workerArray, max - claims.size(), claims);
            }
            return claims;
        });
    }

    /**
     * Runs a claim statement and adds its claims in submission order (RETURNING has no order).
     *
     * @param reportsGated the statement takes the workers a second time, to report waiting gated work
     *     orders in a row of nulls
     * @return whether it returned that row
     */
    private static boolean claimRows(
            Connection c,
            String sql,
            boolean reportsGated,
            String owner,
            Duration lease,
            java.sql.Array workers,
            int max,
            List<Claim> claims)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, owner);
            s.setLong(2, lease.toMillis());
            s.setArray(3, workers);
            s.setInt(4, max);
            if (reportsGated) {
                s.setArray(5, workers);
            }
            boolean nullRow = false;
            List<Map.Entry<Long, Claim>> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    byte[] id = rs.getBytes(1);
                    if (id == null) {
                        nullRow = true;
                    } else {
                        rows.add(Map.entry(
                                rs.getLong(5),
                                new Claim(
                                        Ids.decode(id),
                                        Ids.decode(rs.getBytes(2)),
                                        rs.getBytes(3),
                                        rs.getInt(4),
                                        rs.getBoolean(6),
                                        rs.getLong(7))));
                    }
                }
            }
            rows.sort(Map.Entry.comparingByKey());
            rows.forEach(row -> claims.add(row.getValue()));
            return nullRow;
        }
    }

    /**
     * Extends this owner's leases on the given work orders that are still pending.
     *
     * @return how many leases were extended
     */
    public int renewLeases(String owner, Collection<String> workOrderIds, Duration lease) {
        if (workOrderIds.isEmpty()) {
            return 0;
        }
        byte[][] ids =
                workOrderIds.stream().map(id -> Ids.encode(id, "workOrderId")).toArray(byte[][]::new);
        return jdbc.transaction(c -> {
            skipCommitFlush(c);
            try (PreparedStatement s = c.prepareStatement(RENEW_LEASES)) {
                s.setLong(1, lease.toMillis());
                s.setString(2, owner);
                s.setArray(3, c.createArrayOf("bytea", ids));
                return s.executeUpdate();
            }
        });
    }

    /**
     * A lease is soft state: if PostgreSQL crashes before flushing it, the work order is merely
     * claimable again (and completes once, as after any expiry). Not waiting for the WAL flush saves
     * a disk sync per work order; submissions and completions still wait for theirs.
     */
    private static void skipCommitFlush(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL synchronous_commit TO off");
        }
    }

    /** A worker's queue right now: pending work orders without a live lease, and with one. */
    public record QueueDepth(long queued, long leased) {}

    /** How much work a worker has (what a pool scaler follows). */
    public QueueDepth queueDepth(String workerId) {
        return workerRow(QUEUE_DEPTH, workerId, rs -> new QueueDepth(rs.getLong(1), rs.getLong(2)));
    }

    @FunctionalInterface
    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** The one row {@code sql} answers for the worker as its only parameter. */
    private <T> T workerRow(String sql, String workerId, Row<T> row) {
        byte[] worker = Ids.encode(workerId, "workerId");
        return jdbc.connection(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setBytes(1, worker);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return row.read(rs);
                }
            }
        });
    }

    /** The work orders of all workers admitted and not yet completed, and their raw request bytes. */
    public record PendingTotals(long count, long requestBytes) {}

    /** What admission counts, in one read. */
    public PendingTotals pendingTotals() {
        return jdbc.connection(c -> {
            try (PreparedStatement s = c.prepareStatement(PENDING_TOTALS);
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                return new PendingTotals(rs.getLong(1), rs.getLong(2));
            }
        });
    }

    /** A pending work order received before a cutoff, now leased to whoever expires it. */
    public record Stale(String workOrderId, String workerId, long receivedAtMillis) {}

    /**
     * Leases up to {@code max} pending work orders of any worker received before {@code
     * receivedBeforeMillis} that no process holds a live lease on (those waiting for a thread, a
     * predecessor or a worker process), oldest first, so that no worker process claims them while
     * {@code owner} fails them. Running work orders keep their leases and finish.
     */
    public List<Stale> leaseStale(long receivedBeforeMillis, String owner, int max, Duration lease) {
        return jdbc.connection(c -> {
            try (PreparedStatement s = c.prepareStatement(LEASE_STALE)) {
                s.setString(1, owner);
                s.setLong(2, lease.toMillis());
                s.setLong(3, receivedBeforeMillis);
                s.setInt(4, max);
                List<Stale> stale = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        stale.add(new Stale(Ids.decode(rs.getBytes(1)), Ids.decode(rs.getBytes(2)), rs.getLong(3)));
                    }
                }
                stale.sort(Comparator.comparingLong(Stale::receivedAtMillis));
                return stale;
            }
        });
    }

    /**
     * Records that {@code owner} drains {@code workerId}'s queue for the next {@code lease} (its
     * heartbeat), and forgets the expired heartbeats of processes that stopped without saying so.
     */
    public void serve(String workerId, String owner, Duration lease) {
        byte[] worker = Ids.encode(workerId, "workerId");
        jdbc.transaction(c -> {
            skipCommitFlush(c);
            try (PreparedStatement s = c.prepareStatement(SERVE)) {
                s.setBytes(1, worker);
                s.setString(2, owner);
                s.setLong(3, lease.toMillis());
                s.setBytes(4, worker);
                s.executeUpdate();
                return null;
            }
        });
    }

    /** {@code owner} no longer drains {@code workerId}'s queue. */
    public void unserve(String workerId, String owner) {
        byte[] worker = Ids.encode(workerId, "workerId");
        jdbc.connection(c -> {
            try (PreparedStatement s = c.prepareStatement(UNSERVE)) {
                s.setBytes(1, worker);
                s.setString(2, owner);
                s.executeUpdate();
                return null;
            }
        });
    }

    /**
     * How much longer the latest heartbeat of a process draining {@code workerId}'s queue holds
     * ({@link #serve}): zero or less if no process serves it.
     */
    public Duration servedFor(String workerId) {
        return workerRow(SERVED_FOR, workerId, rs -> Duration.ofMillis(rs.getLong(1)));
    }

    /**
     * Tells the processes listening on {@link PostgresNotifications#RECEIPT_CHANNEL} that a receipt
     * now exists.
     */
    public void announceReceipt(String workOrderId) {
        String payload = Ids.toPayload(Ids.encode(workOrderId, "workOrderId"));
        jdbc.connection(c -> {
            try (PreparedStatement s = c.prepareStatement(ANNOUNCE_RECEIPT)) {
                s.setString(1, payload);
                s.executeQuery().close();
                return null;
            }
        });
    }

    /** Whether PostgreSQL answers now (the readiness check). */
    public boolean reachable() {
        return jdbc.reachable();
    }
}
