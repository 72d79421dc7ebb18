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
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.lmdbjava.ByteArrayProxy;
import org.lmdbjava.Cursor;
import org.lmdbjava.CursorIterable;
import org.lmdbjava.CursorIterable.KeyVal;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.GetOp;
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
 *   <li>{@code purged-ids}: workOrderId → 1, for each purged work order
 *   <li>{@code request-hashes}: request hash → workOrderId, for each work order ever accepted
 *       (purge keeps it, as it keeps the id in {@code purged-ids})
 *   <li>{@code meta}: {@code format} → layout version, {@code sequence} → last sequence number
 * </ul>
 *
 * <p>Reads run on the caller's thread in their own read transaction ({@code MDB_NOTLS}, so virtual
 * threads are fine) and see only whole, published commits ({@link CommitCounter}). Writes run one
 * at a time on a dedicated thread ({@link LmdbWriter}) and are synced to disk before the method
 * returns.
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

  // Version 2 added request-hashes.
  private static final int FORMAT_VERSION = 2;
  private static final byte[] FORMAT_KEY = LmdbKeys.id("format", "meta key");
  private static final byte[] PURGED = {1};
  private static final byte[] SEQUENCE_KEY = LmdbKeys.id("sequence", "meta key");
  private static final int TABLE_COUNT = 12;
  // Concurrent read transactions; each holds a slot only for the duration of one call.
  private static final int MAX_READERS = 512;
  // Work orders per purge transaction: bounds how long a purge holds up submissions.
  static final int PURGE_BATCH = 256;
  // Requests indexed per transaction by the upgrade from version 1: bounds the pages one LMDB
  // transaction dirties, however many work orders the store holds.
  static final int INDEX_BATCH = 4096;

  // LMDB must not open one environment twice in a process: closing either copy would release the
  // other's file locks. Holds the real paths of the stores open now.
  private static final Set<Path> OPEN_DIRS = ConcurrentHashMap.newKeySet();

  private final Path dataDir;
  private final Env<byte[]> env;
  private final LmdbWriter writer;
  private final CommitCounter commits = new CommitCounter();
  private final Dbi<byte[]> workers;
  private final Dbi<byte[]> requests;
  private final Dbi<byte[]> responses;
  private final Dbi<byte[]> orders;
  private final Dbi<byte[]> queue;
  private final Dbi<byte[]> completed;
  private final Dbi<byte[]> receipts;
  private final Dbi<byte[]> receiptUpdates;
  private final Dbi<byte[]> state;
  private final Dbi<byte[]> meta;
  // Ids of purged work orders, kept so that a replayed old request is still refused.
  private final Dbi<byte[]> purgedIds;
  // Request hashes of all work orders accepted: a request re-sent under another id is refused.
  private final Dbi<byte[]> requestHashes;
  private final List<Dbi<byte[]>> tables;
  // Pages the tables may use before submits are refused (SubmitResult.FULL).
  private final long submitLimitPages;

  private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private boolean closed;

  private LmdbTcsStore(Path dataDir, Env<byte[]> env, int submitLimitPercent) {
    this.dataDir = dataDir;
    this.env = env;
    this.writer = new LmdbWriter("lmdb-writer " + dataDir.getFileName(), env, commits, this::failure);
    workers = table("workers");
    requests = table("requests");
    responses = table("responses");
    orders = table("orders");
    queue = table("queue");
    completed = table("completed");
    receipts = table("receipts");
    receiptUpdates = table("receipt-updates");
    state = table("state");
    meta = table("meta");
    purgedIds = table("purged-ids");
    requestHashes = table("request-hashes");
    tables =
        List.of(workers, requests, responses, orders, queue, completed, receipts, receiptUpdates, state,
            meta, purgedIds, requestHashes);
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
      store.openLayout();
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
      throw failure(e);
    }
  }

  /** Sets the layout version of a new store, or upgrades a version 1 store in place. */
  private void openLayout() {
    long format =
        write(
            txn -> {
              byte[] stored = meta.get(txn, FORMAT_KEY);
              if (stored != null) {
                return LmdbKeys.readLong(stored);
              }
              meta.put(txn, FORMAT_KEY, LmdbKeys.longValue(FORMAT_VERSION));
              return (long) FORMAT_VERSION;
            });
    if (format == 1) {
      int indexed = indexStoredRequests();
      update(txn -> meta.put(txn, FORMAT_KEY, LmdbKeys.longValue(FORMAT_VERSION)));
      log.info(
          "Upgraded the store in {} to layout version {}: indexed {} request hashes",
          dataDir, FORMAT_VERSION, indexed);
    } else if (format != FORMAT_VERSION) {
      throw new StoreException(
          "the store in " + dataDir + " has layout version " + format
              + "; this version of Camelot reads versions 1 and " + FORMAT_VERSION);
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
      List<byte[]> batch = read(txn -> requestIds(txn, from));
      if (batch.isEmpty()) {
        return indexed;
      }
      indexed += write(txn -> indexRequests(txn, batch));
      after = batch.getLast();
    }
  }

  /** Up to {@link #INDEX_BATCH} ids of stored requests in key order, after {@code after} if given. */
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

  // ---- Worker directory ----

  @Override
  public void putWorker(String workerId, byte[] record) {
    byte[] key = LmdbKeys.id(workerId, "workerId");
    Objects.requireNonNull(record, "record");
    update(txn -> workers.put(txn, key, record));
  }

  @Override
  public Optional<byte[]> worker(String workerId) {
    byte[] key = LmdbKeys.id(workerId, "workerId");
    return read(txn -> Optional.ofNullable(workers.get(txn, key)));
  }

  @Override
  public List<String> workerIds() {
    return read(txn -> keys(txn, workers));
  }

  // ---- Work orders ----

  @Override
  public SubmitResult submit(
      String workOrderId, String workerId, byte[] requestHash, byte[] rawRequest, long receivedAtMillis) {
    byte[] id = LmdbKeys.id(workOrderId, "workOrderId");
    byte[] worker = LmdbKeys.id(workerId, "workerId");
    byte[] hash = RequestHashes.checked(requestHash);
    Objects.requireNonNull(rawRequest, "rawRequest");
    return write(
        txn -> {
          if (orders.get(txn, id) != null || purgedIds.get(txn, id) != null) {
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
          orders.put(txn, id, OrderMeta.pending(sequence, receivedAtMillis, worker).encode());
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
    byte[] id = LmdbKeys.id(workOrderId, "workOrderId");
    return read(txn -> Optional.ofNullable(requests.get(txn, id)));
  }

  @Override
  public Optional<byte[]> response(String workOrderId) {
    byte[] id = LmdbKeys.id(workOrderId, "workOrderId");
    return read(txn -> Optional.ofNullable(responses.get(txn, id)));
  }

  @Override
  public Optional<WorkOrderInfo> workOrder(String workOrderId) {
    byte[] id = LmdbKeys.id(workOrderId, "workOrderId");
    return read(txn -> Optional.ofNullable(orders.get(txn, id)))
        .map(OrderMeta::decode)
        .map(
            order ->
                new WorkOrderInfo(
                    workOrderId,
                    LmdbKeys.string(order.workerId()),
                    order.receivedAtMillis(),
                    order.status()));
  }

  @Override
  public List<String> pending(String workerId) {
    byte[] worker = LmdbKeys.id(workerId, "workerId");
    KeyRange<byte[]> fifo =
        KeyRange.closed(LmdbKeys.queueKey(worker, 0), LmdbKeys.queueKey(worker, -1L));
    return read(
        txn -> {
          List<String> ids = new ArrayList<>();
          try (CursorIterable<byte[]> entries = queue.iterate(txn, fifo)) {
            entries.forEach(entry -> ids.add(LmdbKeys.string(entry.val())));
          }
          return Collections.unmodifiableList(ids);
        });
  }

  @Override
  public long pendingCount() {
    return read(txn -> queue.stat(txn).entries);
  }

  @Override
  public boolean complete(Completion completion) {
    byte[] id = LmdbKeys.id(completion.workOrderId(), "workOrderId");
    byte[] response = Objects.requireNonNull(completion.response(), "response");
    List<StateWrite> stateWrites = encodeStateWrites(completion.stateWrites());
    return write(
        txn -> {
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
          appendBuiltReceiptUpdate(txn, id, completion.receiptUpdate());
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

  private void appendBuiltReceiptUpdate(
      Txn<byte[]> txn, byte[] workOrderId, ReceiptUpdateFactory factory) {
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

  @Override
  public int purge(long completedBeforeMillis, long maxRetained, long floorMillis) {
    if (maxRetained < 0) {
      throw new IllegalArgumentException("maxRetained must not be negative: " + maxRetained);
    }
    int removed = 0;
    PurgeBatch batch;
    do {
      batch = write(txn -> purgeBatch(txn, completedBeforeMillis, maxRetained, floorMillis));
      removed += batch.removed();
    } while (batch.removed() == PURGE_BATCH);
    if (removed > 0) {
      log.info("Purged {} completed work orders", removed);
    }
    if (batch.keptByFloor() > 0) {
      log.error(
          "{} completed work orders beyond the retained maximum of {} are younger than the retention"
              + " floor and were kept: the store may be flooded; raise the maximum or the map size",
          batch.keptByFloor(), maxRetained);
    }
    return removed;
  }

  /** @param keptByFloor how many beyond {@code maxRetained} the floor kept (0 unless it stopped the batch) */
  private record PurgeBatch(int removed, long keptByFloor) {}

  private PurgeBatch purgeBatch(Txn<byte[]> txn, long completedBeforeMillis, long maxRetained, long floorMillis) {
    long excess = completed.stat(txn).entries - maxRetained;
    List<byte[]> indexKeys = new ArrayList<>();
    List<byte[]> ids = new ArrayList<>();
    try (CursorIterable<byte[]> oldestFirst = completed.iterate(txn)) {
      for (KeyVal<byte[]> entry : oldestFirst) {
        long completedAt = LmdbKeys.completedAt(entry.key());
        boolean expired = completedAt < completedBeforeMillis;
        // Oldest first: once one is under the floor, so are the rest.
        if (ids.size() == PURGE_BATCH || !(expired || excess > 0) || completedAt >= floorMillis) {
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
    return new PurgeBatch(ids.size(), ids.size() < PURGE_BATCH ? Math.max(excess, 0) : 0);
  }

  // The request hash stays in request-hashes, refusing replays as the tombstone in purged-ids does.
  private void removeWorkOrder(Txn<byte[]> txn, byte[] id) {
    purgedIds.put(txn, id, PURGED);
    requests.delete(txn, id);
    responses.delete(txn, id);
    orders.delete(txn, id);
    receipts.delete(txn, id);
    for (int index = updateCount(txn, id) - 1; index >= 0; index--) {
      receiptUpdates.delete(txn, LmdbKeys.updateKey(id, index));
    }
  }

  // ---- Receipts ----

  @Override
  public boolean createReceipt(String workOrderId, byte[] rawCreateRequest) {
    byte[] id = LmdbKeys.id(workOrderId, "workOrderId");
    Objects.requireNonNull(rawCreateRequest, "rawCreateRequest");
    return write(txn -> receipts.put(txn, id, rawCreateRequest, PutFlags.MDB_NOOVERWRITE));
  }

  @Override
  public Optional<byte[]> receipt(String workOrderId) {
    byte[] id = LmdbKeys.id(workOrderId, "workOrderId");
    return read(txn -> Optional.ofNullable(receipts.get(txn, id)));
  }

  @Override
  public List<byte[]> receiptUpdates(String workOrderId) {
    byte[] id = LmdbKeys.id(workOrderId, "workOrderId");
    return read(txn -> updates(txn, id));
  }

  @Override
  public boolean appendReceiptUpdate(String workOrderId, int expectedCount, byte[] update) {
    byte[] id = LmdbKeys.id(workOrderId, "workOrderId");
    if (expectedCount < 0) {
      throw new IllegalArgumentException("expectedCount must not be negative: " + expectedCount);
    }
    Objects.requireNonNull(update, "update");
    return write(
        txn -> {
          if (receipts.get(txn, id) == null || updateCount(txn, id) != expectedCount) {
            return false;
          }
          receiptUpdates.put(txn, LmdbKeys.updateKey(id, expectedCount), update);
          return true;
        });
  }

  @Override
  public List<String> receiptIds() {
    return read(txn -> keys(txn, receipts));
  }

  private List<byte[]> updates(Txn<byte[]> txn, byte[] workOrderId) {
    KeyRange<byte[]> all =
        KeyRange.closed(LmdbKeys.updateKey(workOrderId, 0), LmdbKeys.updateKey(workOrderId, -1));
    List<byte[]> updates = new ArrayList<>();
    try (CursorIterable<byte[]> entries = receiptUpdates.iterate(txn, all)) {
      entries.forEach(entry -> updates.add(entry.val()));
    }
    return Collections.unmodifiableList(updates);
  }

  /** Counts a receipt's updates by finding its last one, without reading the others. */
  private int updateCount(Txn<byte[]> txn, byte[] workOrderId) {
    try (Cursor<byte[]> cursor = receiptUpdates.openCursor(txn)) {
      boolean positioned =
          cursor.get(LmdbKeys.updateKey(workOrderId, -1), GetOp.MDB_SET_RANGE)
              ? cursor.prev()
              : cursor.last();
      return positioned && LmdbKeys.isUpdateKeyOf(cursor.key(), workOrderId)
          ? LmdbKeys.updateIndex(cursor.key()) + 1
          : 0;
    }
  }

  // ---- Workload state ----

  @Override
  public Optional<byte[]> state(String key) {
    byte[] stateKey = LmdbKeys.id(key, "state key");
    return read(txn -> Optional.ofNullable(state.get(txn, stateKey)));
  }

  @Override
  public int importState(Map<String, byte[]> values) {
    List<StateWrite> writes = encodeStateWrites(values);
    if (writes.stream().anyMatch(write -> write.value() == null)) {
      throw new IllegalArgumentException("an imported state value cannot be null");
    }
    return write(
        txn ->
            (int) writes.stream()
                .filter(write -> state.put(txn, write.key(), write.value(), PutFlags.MDB_NOOVERWRITE))
                .count());
  }

  // ---- Lifecycle ----

  @Override
  public void close() {
    lifecycle.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      writer.close();
      env.close();
      OPEN_DIRS.remove(dataDir);
      log.info("Closed LMDB store in {}", dataDir);
    } finally {
      lifecycle.writeLock().unlock();
    }
  }

  // ---- Transactions ----

  private static List<String> keys(Txn<byte[]> txn, Dbi<byte[]> table) {
    List<String> keys = new ArrayList<>();
    try (CursorIterable<byte[]> entries = table.iterate(txn)) {
      entries.forEach(entry -> keys.add(LmdbKeys.string(entry.key())));
    }
    return Collections.unmodifiableList(keys);
  }

  private <R> R read(Function<Txn<byte[]>, R> work) {
    return guarded(
        () -> {
          try (Txn<byte[]> txn = beginRead()) {
            return work.apply(txn);
          } catch (LmdbException e) {
            throw failure(e);
          }
        });
  }

  /** Begins a read transaction, again if two commits raced its begin (see {@link CommitCounter}). */
  private Txn<byte[]> beginRead() {
    while (true) {
      long finishedBefore = commits.finished();
      Txn<byte[]> txn = env.txnRead();
      if (commits.beganSafely(finishedBefore)) {
        return txn;
      }
      txn.close();
    }
  }

  /** Runs {@code work} in one write transaction, committed if it returns, aborted if it throws. */
  private <R> R write(Function<Txn<byte[]>, R> work) {
    return guarded(() -> writer.write(work));
  }

  private void update(Consumer<Txn<byte[]>> work) {
    write(
        txn -> {
          work.accept(txn);
          return null;
        });
  }

  // Every operation holds the read side of the lifecycle lock so that close() waits for it:
  // closing the LMDB environment under a live transaction would crash the JVM. tryLock() fails fast
  // while close() runs instead of queueing behind it.
  private <R> R guarded(Supplier<R> operation) {
    if (writer.isWriterThread()) {
      throw new IllegalStateException(
          "the store must not be called from inside a ReceiptUpdateFactory");
    }
    if (!lifecycle.readLock().tryLock()) {
      throw closedException();
    }
    try {
      if (closed) {
        throw closedException();
      }
      return operation.get();
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  private IllegalStateException closedException() {
    return new IllegalStateException("the store in " + dataDir + " is closed");
  }

  private StoreException failure(LmdbException e) {
    if (e instanceof Env.MapFullException) {
      return new StoreException(
          "store is full: raise the map size (now " + env.info().mapSize + " bytes) of " + dataDir,
          e);
    }
    return new StoreException("LMDB failed in " + dataDir + ": " + e.getMessage(), e);
  }
}
