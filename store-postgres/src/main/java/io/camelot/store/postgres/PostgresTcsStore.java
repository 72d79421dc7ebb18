package io.camelot.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.camelot.protocol.model.Dependencies;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.scheduler.DependencyRules;
import io.camelot.store.RequestHashes;
import io.camelot.store.StoreException;
import io.camelot.store.TcsStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.postgresql.util.PSQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TcsStore} that many processes on many hosts share: PostgreSQL through a HikariCP pool.
 * Each mutating method is one PostgreSQL transaction, committed (and so durable under PostgreSQL's
 * default {@code synchronous_commit}) before it returns.
 *
 * <p>The store also carries the shared work order queue: pending rows of {@code work_orders} are
 * claimed under a lease ({@link #claim}, {@code FOR UPDATE SKIP LOCKED}), and commits announce
 * themselves on PostgreSQL channels that other processes LISTEN to ({@link PostgresNotifications}):
 * {@link #SUBMITTED_CHANNEL} (payload: the worker id), {@link #COMPLETED_CHANNEL} and {@link
 * #RECEIPT_CHANNEL} (payload: the work order id), ids as the hex of their UTF-8 bytes.
 */
public final class PostgresTcsStore implements TcsStore {
  public static final String SUBMITTED_CHANNEL = "camelot_submitted";
  public static final String COMPLETED_CHANNEL = "camelot_completed";
  public static final String RECEIPT_CHANNEL = "camelot_receipt";

  static final int FORMAT_VERSION = 4;
  // The layout that added request_hashes: an older database's requests are indexed on upgrade.
  private static final int REQUEST_HASHES_VERSION = 4;
  // Work orders per purge transaction: bounds how long a purge holds row locks.
  static final int PURGE_BATCH = 256;
  // Advisory lock keys ("CAMELOT" + 1, 2, 3): one migration, one purge and one claim of gated work
  // orders at a time cluster-wide.
  private static final long MIGRATION_LOCK = 0x43414d454c4f5401L;
  private static final long PURGE_LOCK = 0x43414d454c4f5402L;
  private static final long GATED_CLAIM_LOCK = 0x43414d454c4f5403L;
  // Element i creates layout version i + 1 from version i.
  private static final List<String> SCHEMA_STEPS =
      List.of("schema-v1.sql", "schema-v2.sql", "schema-v3.sql", "schema-v4.sql");
  // Raised by the schema-v3 trigger when an inserted work order's id was purged meanwhile.
  private static final String PURGED_ID_STATE = "CMPRG";
  // unique_violation: on request_hashes' key, a hash another submission inserted meanwhile.
  private static final String UNIQUE_VIOLATION_STATE = "23505";
  private static final String REQUEST_HASHES_KEY = "request_hashes_pkey";
  // Rows the upgrade to REQUEST_HASHES_VERSION reads and indexes per round trip.
  private static final int INDEX_BATCH = 1000;

  private static final Logger log = LoggerFactory.getLogger(PostgresTcsStore.class);
  // A ReceiptUpdateFactory runs inside an open transaction holding a pooled connection: a store
  // call from it could wait forever for a second connection, so it is refused.
  private static final ThreadLocal<Boolean> IN_FACTORY = ThreadLocal.withInitial(() -> false);

  private final PostgresSettings settings;
  private final HikariDataSource pool;
  private volatile boolean closed;

  private PostgresTcsStore(PostgresSettings settings, HikariDataSource pool) {
    this.settings = settings;
    this.pool = pool;
  }

  /**
   * Connects and creates the tables if the database has none yet, or upgrades an older layout in
   * place (under an advisory lock, so that processes starting together migrate once).
   *
   * @throws StoreException if PostgreSQL is unreachable or holds another layout version
   */
  public static PostgresTcsStore open(PostgresSettings settings) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(settings.url());
    if (!settings.user().isEmpty()) {
      config.setUsername(settings.user());
    }
    if (!settings.password().isEmpty()) {
      config.setPassword(settings.password());
    }
    config.setMaximumPoolSize(settings.poolSize());
    config.setPoolName("camelot-store");
    config.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
    // Whatever the server's default: completions rely on re-reading a row they waited for, and the
    // purged-id trigger on a fresh snapshot per query, which only READ COMMITTED gives.
    config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new StoreException("cannot connect to PostgreSQL at " + settings.url() + ": " + rootMessage(e), e);
    }
    PostgresTcsStore store = new PostgresTcsStore(settings, pool);
    try {
      store.migrate();
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    log.info("Opened PostgreSQL store at {} (pool of {})", settings.url(), settings.poolSize());
    return store;
  }

  public PostgresSettings settings() {
    return settings;
  }

  private void migrate() {
    transaction(
        c -> {
          try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
            s.execute("CREATE TABLE IF NOT EXISTS camelot_meta (name text PRIMARY KEY, value bigint NOT NULL)");
            long version = 0;
            try (ResultSet rs = s.executeQuery("SELECT value FROM camelot_meta WHERE name = 'format'")) {
              if (rs.next()) {
                version = rs.getLong(1);
                if (version < 1 || version > FORMAT_VERSION) {
                  throw new StoreException(
                      "the database at " + settings.url() + " has layout version " + version
                          + "; this version of Camelot reads versions 1 to " + FORMAT_VERSION);
                }
              }
            }
            if (version == FORMAT_VERSION) {
              return null;
            }
            for (int step = (int) version; step < FORMAT_VERSION; step++) {
              s.execute(schemaSql(SCHEMA_STEPS.get(step)));
            }
            if (version > 0 && version < REQUEST_HASHES_VERSION) {
              log.info("Indexed the request hashes of {} stored work orders", indexStoredRequests(c));
            }
            s.execute(
                "INSERT INTO camelot_meta (name, value) VALUES ('format', " + FORMAT_VERSION + ")"
                    + " ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value");
            log.info("Camelot tables at {} now have layout version {} (was {})", settings.url(), FORMAT_VERSION, version);
            return null;
          }
        });
  }

  /**
   * A database of a layout before {@link #REQUEST_HASHES_VERSION} kept no request hashes: indexes
   * those of the work orders it holds, oldest first, so that the first of two requests with one
   * hash keeps it (the second was a replay already). Ids purged before keep refusing their replays;
   * their hashes are gone.
   *
   * @return the number of hashes indexed
   */
  private static int indexStoredRequests(Connection c) throws SQLException {
    int indexed = 0;
    try (PreparedStatement read = c.prepareStatement("SELECT id, request FROM work_orders ORDER BY seq");
        PreparedStatement insert =
            c.prepareStatement("INSERT INTO request_hashes (hash, id) VALUES (?, ?) ON CONFLICT (hash) DO NOTHING")) {
      // Read through a cursor (the transaction is open), not the whole table at once.
      read.setFetchSize(INDEX_BATCH);
      int batched = 0;
      try (ResultSet rs = read.executeQuery()) {
        while (rs.next()) {
          Optional<byte[]> hash = RequestHashes.ofStoredRequest(rs.getBytes(2));
          if (hash.isPresent()) {
            insert.setBytes(1, hash.get());
            insert.setBytes(2, rs.getBytes(1));
            insert.addBatch();
            if (++batched % INDEX_BATCH == 0) {
              indexed += Arrays.stream(insert.executeBatch()).sum();
            }
          }
        }
      }
      return indexed + Arrays.stream(insert.executeBatch()).sum();
    }
  }

  private static String schemaSql(String resource) {
    try (InputStream in = PostgresTcsStore.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- Worker directory ----

  @Override
  public void putWorker(String workerId, byte[] record) {
    byte[] id = Ids.encode(workerId, "workerId");
    Objects.requireNonNull(record, "record");
    update(
        "INSERT INTO workers (id, record) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET record = EXCLUDED.record",
        id, record);
  }

  @Override
  public Optional<byte[]> worker(String workerId) {
    return bytes("SELECT record FROM workers WHERE id = ?", Ids.encode(workerId, "workerId"));
  }

  @Override
  public List<String> workerIds() {
    return ids("SELECT id FROM workers ORDER BY id");
  }

  // ---- Work orders ----

  @Override
  public SubmitResult submit(
      String workOrderId, String workerId, byte[] requestHash, byte[] rawRequest, long receivedAtMillis) {
    byte[] id = Ids.encode(workOrderId, "workOrderId");
    byte[] worker = Ids.encode(workerId, "workerId");
    byte[] hash = RequestHashes.checked(requestHash);
    Objects.requireNonNull(rawRequest, "rawRequest");
    // One statement, so one round trip: the insert with its request hash, and the wake-up of the
    // worker's processes, which PostgreSQL delivers only if the insert commits.
    return connection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "WITH inserted AS (INSERT INTO work_orders (id, worker_id, received_at, request)"
                      + " SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM purged_ids WHERE id = ?)"
                      + " AND NOT EXISTS (SELECT 1 FROM request_hashes WHERE hash = ?)"
                      + " ON CONFLICT (id) DO NOTHING RETURNING id, worker_id),"
                      + " hashed AS (INSERT INTO request_hashes (hash, id) SELECT ?, id FROM inserted)"
                      + " SELECT pg_notify('" + SUBMITTED_CHANNEL + "', encode(worker_id, 'hex')) FROM inserted")) {
            s.setBytes(1, id);
            s.setBytes(2, worker);
            s.setLong(3, receivedAtMillis);
            s.setBytes(4, rawRequest);
            s.setBytes(5, id);
            s.setBytes(6, hash);
            s.setBytes(7, hash);
            return insertResult(c, s, id, hash);
          }
        });
  }

  /**
   * Stores a work order with its declared dependencies, in one statement: its predecessors and
   * resources are in the database from the moment the work order is visible to any claimer. A work
   * order without predecessors or resources is stored as by {@link #submit(String, String, byte[],
   * byte[], long)}. The caller has checked the dependencies ({@link DependencyRules#checkAdmissible});
   * resources are stored as locks scoped to the requester key ({@link DependencyRules#lockModes}).
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
      return submit(workOrderId, workerId, requestHash, rawRequest, receivedAtMillis);
    }
    byte[] id = Ids.encode(workOrderId, "workOrderId");
    byte[] worker = Ids.encode(workerId, "workerId");
    byte[] hash = RequestHashes.checked(requestHash);
    Objects.requireNonNull(rawRequest, "rawRequest");
    byte[][] predecessors =
        deps.afterIds().stream().distinct().map(p -> Ids.encode(p, "predecessor id")).toArray(byte[][]::new);
    Map<String, Boolean> exclusive = DependencyRules.lockModes(params);
    byte[][] resources = exclusive.keySet().stream().map(name -> Ids.encode(name, "resource")).toArray(byte[][]::new);
    Boolean[] modes = exclusive.values().toArray(Boolean[]::new);
    return connection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "WITH inserted AS (INSERT INTO work_orders (id, worker_id, received_at, request, gated)"
                      + " SELECT ?, ?, ?, ?, true WHERE NOT EXISTS (SELECT 1 FROM purged_ids WHERE id = ?)"
                      + " AND NOT EXISTS (SELECT 1 FROM request_hashes WHERE hash = ?)"
                      + " ON CONFLICT (id) DO NOTHING RETURNING id, worker_id, seq),"
                      + " hashed AS (INSERT INTO request_hashes (hash, id) SELECT ?, id FROM inserted),"
                      + " after_rows AS (INSERT INTO work_order_after (id, idx, predecessor)"
                      + " SELECT inserted.id, p.idx, p.predecessor"
                      + " FROM inserted, unnest(?::bytea[]) WITH ORDINALITY AS p(predecessor, idx)),"
                      + " resource_rows AS (INSERT INTO work_order_resources (id, resource, seq, exclusive)"
                      + " SELECT inserted.id, r.resource, inserted.seq, r.exclusive"
                      + " FROM inserted, unnest(?::bytea[], ?::boolean[]) AS r(resource, exclusive))"
                      + " SELECT pg_notify('" + SUBMITTED_CHANNEL + "', encode(worker_id, 'hex')) FROM inserted")) {
            s.setBytes(1, id);
            s.setBytes(2, worker);
            s.setLong(3, receivedAtMillis);
            s.setBytes(4, rawRequest);
            s.setBytes(5, id);
            s.setBytes(6, hash);
            s.setBytes(7, hash);
            s.setArray(8, c.createArrayOf("bytea", predecessors));
            s.setArray(9, c.createArrayOf("bytea", resources));
            s.setArray(10, c.createArrayOf("boolean", modes));
            return insertResult(c, s, id, hash);
          }
        });
  }

  /**
   * Runs a submit statement, which returns a row if it inserted the work order. Its NOT EXISTS
   * refuses a purged id or a known request hash quietly; the trigger of schema-v3.sql refuses an
   * id purged while the statement ran, and the key of request_hashes a hash inserted by a
   * submission that committed meanwhile (the statement then rolls back).
   */
  private static SubmitResult insertResult(Connection c, PreparedStatement s, byte[] id, byte[] hash)
      throws SQLException {
    try (ResultSet rs = s.executeQuery()) {
      if (rs.next()) {
        return SubmitResult.ACCEPTED;
      }
    } catch (SQLException e) {
      if (!PURGED_ID_STATE.equals(e.getSQLState()) && !isRequestHashConflict(e)) {
        throw e;
      }
    }
    return refusal(c, id, hash);
  }

  private static boolean isRequestHashConflict(SQLException e) {
    return UNIQUE_VIOLATION_STATE.equals(e.getSQLState())
        && e instanceof PSQLException p
        && p.getServerErrorMessage() != null
        && REQUEST_HASHES_KEY.equals(p.getServerErrorMessage().getConstraint());
  }

  /**
   * Why a submission was refused, read afterwards in a new snapshot: what refused it was committed
   * and stays known (the id as a work order or, once purged, a tombstone; the request hash).
   */
  private static SubmitResult refusal(Connection c, byte[] id, byte[] hash) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT EXISTS (SELECT 1 FROM work_orders WHERE id = ?) OR EXISTS (SELECT 1 FROM purged_ids WHERE id = ?),"
                + " EXISTS (SELECT 1 FROM request_hashes WHERE hash = ? AND id = ?)")) {
      s.setBytes(1, id);
      s.setBytes(2, id);
      s.setBytes(3, hash);
      s.setBytes(4, id);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        if (!rs.getBoolean(1)) {
          return SubmitResult.REPLAYED;
        }
        return rs.getBoolean(2) ? SubmitResult.IDENTICAL : SubmitResult.DUPLICATE;
      }
    }
  }

  /** A declared predecessor of a work order, with its stored response; empty if it was purged. */
  public record Predecessor(String workOrderId, Optional<byte[]> response) {}

  /** The predecessors a work order declared ({@code dependencies.after}), in declared order. */
  public List<Predecessor> predecessors(String workOrderId) {
    byte[] id = Ids.encode(workOrderId, "workOrderId");
    return connection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT a.predecessor, p.response FROM work_order_after a"
                      + " LEFT JOIN work_orders p ON p.id = a.predecessor AND p.completed_at IS NOT NULL"
                      + " WHERE a.id = ? ORDER BY a.idx")) {
            s.setBytes(1, id);
            try (ResultSet rs = s.executeQuery()) {
              List<Predecessor> predecessors = new ArrayList<>();
              while (rs.next()) {
                predecessors.add(new Predecessor(Ids.decode(rs.getBytes(1)), Optional.ofNullable(rs.getBytes(2))));
              }
              return predecessors;
            }
          }
        });
  }

  @Override
  public Optional<byte[]> request(String workOrderId) {
    return bytes("SELECT request FROM work_orders WHERE id = ?", Ids.encode(workOrderId, "workOrderId"));
  }

  @Override
  public Optional<byte[]> response(String workOrderId) {
    return bytes(
        "SELECT response FROM work_orders WHERE id = ? AND completed_at IS NOT NULL",
        Ids.encode(workOrderId, "workOrderId"));
  }

  @Override
  public Optional<WorkOrderInfo> workOrder(String workOrderId) {
    byte[] id = Ids.encode(workOrderId, "workOrderId");
    return connection(
        c -> {
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
    return ids(
        "SELECT id FROM work_orders WHERE worker_id = ? AND completed_at IS NULL ORDER BY seq",
        Ids.encode(workerId, "workerId"));
  }

  @Override
  public long pendingCount() {
    return connection(
        c -> {
          try (Statement s = c.createStatement();
              ResultSet rs = s.executeQuery("SELECT count(*) FROM work_orders WHERE completed_at IS NULL")) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  @Override
  public boolean complete(Completion completion) {
    byte[] id = Ids.encode(completion.workOrderId(), "workOrderId");
    byte[] response = Objects.requireNonNull(completion.response(), "response");
    List<StateWrite> stateWrites = encodeStateWrites(completion.stateWrites());
    return transaction(
        c -> {
          // The row lock taken by the update makes a concurrent completion wait, then see
          // completed_at set and update nothing: one completion wins. A gated work order's
          // resource rows go with it; the workers of the pending work orders it held back (its
          // successors, and those waiting for its resources) are woken, as by a submission.
          try (PreparedStatement s =
              c.prepareStatement(
                  "WITH done AS (UPDATE work_orders SET response = ?, completed_at = ?,"
                      + " lease_owner = NULL, lease_expires = NULL"
                      + " WHERE id = ? AND completed_at IS NULL RETURNING id, gated),"
                      + " freed AS (DELETE FROM work_order_resources r USING done"
                      + " WHERE done.gated AND r.id = done.id RETURNING r.id, r.resource),"
                      + " woken AS (SELECT s.worker_id FROM done"
                      + " JOIN work_order_after a ON a.predecessor = done.id"
                      + " JOIN work_orders s ON s.id = a.id WHERE s.completed_at IS NULL"
                      + " UNION SELECT w.worker_id FROM freed"
                      + " JOIN work_order_resources o ON o.resource = freed.resource AND o.id <> freed.id"
                      + " JOIN work_orders w ON w.id = o.id WHERE w.completed_at IS NULL)"
                      + " SELECT pg_notify('" + COMPLETED_CHANNEL + "', encode(id, 'hex')),"
                      + " (SELECT count(pg_notify('" + SUBMITTED_CHANNEL + "', encode(worker_id, 'hex'))) FROM woken)"
                      + " FROM done")) {
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

  /** Sorted by key, so that concurrent completions lock state rows in one order and never deadlock. */
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
    try (PreparedStatement upsert =
            c.prepareStatement(
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
    byte[] update;
    IN_FACTORY.set(true);
    try {
      update = factory.build(rawCreate, existing);
    } finally {
      IN_FACTORY.set(false);
    }
    if (update != null) {
      insertUpdate(c, id, existing.size(), update);
    }
  }

  @Override
  public int purge(long completedBeforeMillis, long maxRetained, long floorMillis) {
    if (maxRetained < 0) {
      throw new IllegalArgumentException("maxRetained must not be negative: " + maxRetained);
    }
    int removed = 0;
    PurgeBatch batch;
    do {
      batch = transaction(c -> purgeBatch(c, completedBeforeMillis, maxRetained, floorMillis));
      removed += batch.removed();
    } while (batch.removed() == PURGE_BATCH);
    if (removed > 0) {
      log.info("Purged {} completed work orders", removed);
    }
    if (batch.keptByFloor() > 0) {
      log.error(
          "{} completed work orders beyond the retained maximum of {} are younger than the retention"
              + " floor and were kept: the store may be flooded; raise the maximum",
          batch.keptByFloor(), maxRetained);
    }
    return removed;
  }

  /** @param keptByFloor how many beyond {@code maxRetained} the floor kept (0 unless it stopped the batch) */
  private record PurgeBatch(int removed, long keptByFloor) {}

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
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT id, completed_at FROM work_orders WHERE completed_at IS NOT NULL"
                + " ORDER BY completed_at, seq LIMIT " + PURGE_BATCH)) {
      try (ResultSet rs = s.executeQuery()) {
        // Oldest first: the expired ones, the excess ones and those above the floor are all a prefix.
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

  // ---- Receipts ----

  @Override
  public boolean createReceipt(String workOrderId, byte[] rawCreateRequest) {
    byte[] id = Ids.encode(workOrderId, "workOrderId");
    Objects.requireNonNull(rawCreateRequest, "rawCreateRequest");
    return update(
            "INSERT INTO receipts (id, create_request) VALUES (?, ?) ON CONFLICT (id) DO NOTHING",
            id, rawCreateRequest)
        == 1;
  }

  @Override
  public Optional<byte[]> receipt(String workOrderId) {
    return bytes("SELECT create_request FROM receipts WHERE id = ?", Ids.encode(workOrderId, "workOrderId"));
  }

  @Override
  public List<byte[]> receiptUpdates(String workOrderId) {
    byte[] id = Ids.encode(workOrderId, "workOrderId");
    return connection(c -> updates(c, id));
  }

  @Override
  public boolean appendReceiptUpdate(String workOrderId, int expectedCount, byte[] update) {
    byte[] id = Ids.encode(workOrderId, "workOrderId");
    if (expectedCount < 0) {
      throw new IllegalArgumentException("expectedCount must not be negative: " + expectedCount);
    }
    Objects.requireNonNull(update, "update");
    // The receipt's row lock serialises appenders (and completions appending the worker's update).
    return transaction(
        c -> {
          if (lockReceipt(c, id) == null || countUpdates(c, id) != expectedCount) {
            return false;
          }
          insertUpdate(c, id, expectedCount, update);
          return true;
        });
  }

  @Override
  public List<String> receiptIds() {
    return ids("SELECT id FROM receipts ORDER BY id");
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
    return bytes("SELECT value FROM state WHERE key = ?", Ids.encode(key, "state key"));
  }

  @Override
  public int importState(Map<String, byte[]> values) {
    List<StateWrite> writes = encodeStateWrites(values);
    if (writes.stream().anyMatch(write -> write.value() == null)) {
      throw new IllegalArgumentException("an imported state value cannot be null");
    }
    return transaction(
        c -> {
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

  // ---- The shared queue ----

  /**
   * A pending work order this process now holds a lease on.
   *
   * @param gated it declared predecessors or resources: all its predecessors have completed (see
   *     {@link #predecessors} for how) and it holds its resources until it completes
   */
  public record Claim(String workOrderId, String workerId, byte[] rawRequest, int attempt, boolean gated) {}

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
   * seq, so none can be circular. Those claims take a cluster-wide advisory lock first, so that each
   * sees the leases the previous one committed.
   *
   * @param owner identifies this process in the lease (for renewals)
   */
  public List<Claim> claim(Collection<String> workerIds, String owner, int max, Duration lease) {
    if (workerIds.isEmpty() || max < 1) {
      return List.of();
    }
    byte[][] workers = workerIds.stream().map(id -> Ids.encode(id, "workerId")).toArray(byte[][]::new);
    return transaction(
        c -> {
          skipCommitFlush(c);
          java.sql.Array workerArray = c.createArrayOf("bytea", workers);
          List<Claim> claims = new ArrayList<>();
          // The plain claim also says, in a row of nulls, whether gated work orders are waiting:
          // work orders without dependencies pay no extra round trip.
          boolean gatedWaiting =
              claimRows(
                  c,
                  "WITH claimed AS (UPDATE work_orders w SET lease_owner = ?,"
                      + " lease_expires = now() + ? * interval '1 millisecond', attempts = attempts + 1"
                      + " FROM (SELECT id FROM work_orders WHERE completed_at IS NULL AND NOT gated"
                      + " AND worker_id = ANY(?) AND (lease_expires IS NULL OR lease_expires < now())"
                      + " ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED) claimable"
                      + " WHERE w.id = claimable.id"
                      + " RETURNING w.id, w.worker_id, w.request, w.attempts, w.seq, w.gated)"
                      + " SELECT * FROM claimed UNION ALL"
                      + " SELECT NULL::bytea, NULL::bytea, NULL::bytea, NULL::integer, NULL::bigint, NULL::boolean"
                      + " WHERE EXISTS (SELECT 1 FROM work_orders WHERE gated AND completed_at IS NULL"
                      + " AND worker_id = ANY(?) AND (lease_expires IS NULL OR lease_expires < now()))",
                  true, owner, lease, workerArray, max, claims);
          if (gatedWaiting && claims.size() < max) {
            try (Statement s = c.createStatement()) {
              s.execute("SELECT pg_advisory_xact_lock(" + GATED_CLAIM_LOCK + ")");
            }
            claimRows(
                c,
                "UPDATE work_orders w SET lease_owner = ?,"
                    + " lease_expires = now() + ? * interval '1 millisecond', attempts = attempts + 1"
                    + " FROM (SELECT c.id FROM work_orders c WHERE c.gated AND c.completed_at IS NULL"
                    + " AND c.worker_id = ANY(?) AND (c.lease_expires IS NULL OR c.lease_expires < now())"
                    + " AND NOT EXISTS (SELECT 1 FROM work_order_after a JOIN work_orders p ON p.id = a.predecessor"
                    + " WHERE a.id = c.id AND p.completed_at IS NULL)"
                    + " AND NOT EXISTS (SELECT 1 FROM work_order_resources r"
                    + " JOIN work_order_resources o ON o.resource = r.resource AND o.id <> r.id"
                    + " AND (r.exclusive OR o.exclusive)"
                    + " JOIN work_orders ow ON ow.id = o.id"
                    + " WHERE r.id = c.id AND ow.completed_at IS NULL AND (o.seq < c.seq OR ow.lease_expires >= now()))"
                    + " ORDER BY c.seq LIMIT ? FOR UPDATE OF c SKIP LOCKED) claimable"
                    + " WHERE w.id = claimable.id"
                    + " RETURNING w.id, w.worker_id, w.request, w.attempts, w.seq, w.gated",
                false, owner, lease, workerArray, max - claims.size(), claims);
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
      Connection c, String sql, boolean reportsGated, String owner, Duration lease, java.sql.Array workers, int max,
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
            rows.add(
                Map.entry(
                    rs.getLong(5),
                    new Claim(Ids.decode(id), Ids.decode(rs.getBytes(2)), rs.getBytes(3), rs.getInt(4), rs.getBoolean(6))));
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
    byte[][] ids = workOrderIds.stream().map(id -> Ids.encode(id, "workOrderId")).toArray(byte[][]::new);
    return transaction(
        c -> {
          skipCommitFlush(c);
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE work_orders SET lease_expires = now() + ? * interval '1 millisecond'"
                      + " WHERE lease_owner = ? AND completed_at IS NULL AND id = ANY(?)")) {
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
    byte[] worker = Ids.encode(workerId, "workerId");
    return connection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT count(*) FILTER (WHERE lease_expires IS NULL OR lease_expires < now()),"
                      + " count(*) FILTER (WHERE lease_expires >= now())"
                      + " FROM work_orders WHERE worker_id = ? AND completed_at IS NULL")) {
            s.setBytes(1, worker);
            try (ResultSet rs = s.executeQuery()) {
              rs.next();
              return new QueueDepth(rs.getLong(1), rs.getLong(2));
            }
          }
        });
  }

  /** Tells the processes listening on {@link #RECEIPT_CHANNEL} that a receipt now exists. */
  public void announceReceipt(String workOrderId) {
    String payload = Ids.toPayload(Ids.encode(workOrderId, "workOrderId"));
    connection(
        c -> {
          try (PreparedStatement s = c.prepareStatement("SELECT pg_notify('" + RECEIPT_CHANNEL + "', ?)")) {
            s.setString(1, payload);
            s.executeQuery().close();
            return null;
          }
        });
  }

  /** Whether PostgreSQL answers now (the readiness check). */
  public boolean reachable() {
    try {
      return connection(c -> c.isValid(2));
    } catch (RuntimeException e) {
      return false;
    }
  }

  // ---- Lifecycle ----

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    pool.close();
    log.info("Closed PostgreSQL store at {}", settings.url());
  }

  // ---- JDBC plumbing ----

  @FunctionalInterface
  private interface SqlWork<R> {
    R run(Connection connection) throws SQLException;
  }

  /** One statement in autocommit mode. */
  private <R> R connection(SqlWork<R> work) {
    checkUsable();
    try (Connection c = pool.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /** Runs {@code work} in one transaction, committed if it returns, rolled back if it throws. */
  private <R> R transaction(SqlWork<R> work) {
    checkUsable();
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        R result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c, e);
        throw e;
      }
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  private static void rollbackQuietly(Connection c, Exception cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private int update(String sql, byte[]... parameters) {
    return connection(
        c -> {
          try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
              s.setBytes(i + 1, parameters[i]);
            }
            return s.executeUpdate();
          }
        });
  }

  private Optional<byte[]> bytes(String sql, byte[] key) {
    return connection(
        c -> {
          try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setBytes(1, key);
            try (ResultSet rs = s.executeQuery()) {
              return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
          }
        });
  }

  private List<String> ids(String sql, byte[]... parameters) {
    return connection(
        c -> {
          try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
              s.setBytes(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
              List<String> ids = new ArrayList<>();
              while (rs.next()) {
                ids.add(Ids.decode(rs.getBytes(1)));
              }
              return Collections.unmodifiableList(ids);
            }
          }
        });
  }

  private void checkUsable() {
    if (IN_FACTORY.get()) {
      throw new IllegalStateException("the store must not be called from inside a ReceiptUpdateFactory");
    }
    if (closed) {
      throw new IllegalStateException("the store at " + settings.url() + " is closed");
    }
  }

  private StoreException failure(SQLException e) {
    return new StoreException("PostgreSQL at " + settings.url() + " failed: " + e.getMessage(), e);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
  }
}
