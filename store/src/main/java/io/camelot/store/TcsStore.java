package io.camelot.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The KV Storage Manager: everything the TCS keeps, behind one interface so that the listener and
 * the worker never see the backend (LMDB by default; a networked backend later).
 *
 * <p>Every mutating method is one atomic transaction that is durable when the method returns, so a
 * caller may acknowledge as soon as it returns. Values are opaque bytes (binary-safe); ids are the
 * strings exactly as the requester sent them (never normalised).
 *
 * <p>An id the backend cannot store (empty, not valid Unicode, longer than its key limit) is
 * rejected with an {@link IllegalArgumentException} before anything is written; a failure of the
 * backend itself (full, damaged, unreachable) is a {@link StoreException}. "Key order" is the order
 * of the ids' UTF-8 bytes compared as unsigned numbers.
 */
public interface TcsStore extends AutoCloseable {

    // ---- Worker directory ----

    void putWorker(String workerId, byte[] record);

    Optional<byte[]> worker(String workerId);

    /** All worker ids in ascending key order. */
    default List<String> workerIds() {
        return workerIds(null, Integer.MAX_VALUE);
    }

    /**
     * At most {@code limit} worker ids after {@code afterId}, in ascending key order: a range scan of
     * the table's key index that reads no record.
     *
     * @param afterId any text (not necessarily a stored or storable id); null or empty for the first
     */
    List<String> workerIds(String afterId, int limit);

    // ---- Work orders ----

    /**
     * Stores the raw request and its request hash and appends the work order to its worker's FIFO, in
     * one transaction, unless its id or its request hash is already known: a replayed request never
     * runs twice, however old. Both stay known after the work order is purged.
     *
     * @param requestHash the request hash ({@value RequestHashes#BYTES} bytes) the listener computed
     *     from the params. Its fields are joined without separators, so a request re-sent with part
     *     of the id moved into the nonce keeps it under a new id: the hash, not the id, names a
     *     request.
     * @return {@link SubmitResult#ACCEPTED}, or why nothing was written
     */
    SubmitResult submit(
            String workOrderId, String workerId, byte[] requestHash, byte[] rawRequest, long receivedAtMillis);

    /** The raw request as received, while the work order is known (not purged). */
    Optional<byte[]> request(String workOrderId);

    /** The stored response (result or error object), once the work order has completed. */
    Optional<byte[]> response(String workOrderId);

    /** What the store knows about a work order, or empty if unknown or purged. */
    Optional<WorkOrderInfo> workOrder(String workOrderId);

    /**
     * Work orders of a worker not yet completed, oldest first: the FIFO to rebuild after a restart.
     */
    List<String> pending(String workerId);

    /** Number of work orders submitted and not yet completed, over all workers. */
    long pendingCount();

    /**
     * Records a work order's outcome in one transaction: the response, its removal from the FIFO, the
     * workload's state writes and, if a receipt exists, the receipt update. A second completion of
     * the same work order is ignored and returns false (exactly-once results after recovery).
     */
    boolean complete(Completion completion);

    /**
     * Removes completed work orders (request, response, receipt and its updates) that completed
     * before {@code completedBeforeMillis}, and then the oldest completed ones beyond {@code
     * maxRetained}. Pending work orders are never purged, nor are those completed at or after {@code
     * floorMillis}: a flood of work orders cannot push out others' fresh results and receipts. When
     * the floor keeps more than {@code maxRetained}, the excess stays and an ERROR is logged.
     *
     * @return the number of work orders removed
     */
    int purge(long completedBeforeMillis, long maxRetained, long floorMillis);

    /**
     * Removes the oldest tombstones (the ids {@link #purge} kept known, so that a request re-sent
     * under one is refused as {@link SubmitResult#DUPLICATE}) beyond the newest {@code maxKept}, so
     * a flood of work orders cannot grow them without end. A request replayed under a forgotten id
     * is still refused by its request hash ({@link SubmitResult#REPLAYED}), which stays known; only
     * another request under a forgotten id is taken, as a new work order.
     *
     * @return the number of tombstones removed
     */
    long dropTombstones(long maxKept);

    // ---- Receipts ----

    /**
     * @return false (and writes nothing) if a receipt for this work order already exists
     */
    boolean createReceipt(String workOrderId, byte[] rawCreateRequest);

    Optional<byte[]> receipt(String workOrderId);

    /** Receipt updates in the order they were appended. */
    List<byte[]> receiptUpdates(String workOrderId);

    /**
     * Appends an update if the receipt currently has exactly {@code expectedCount} updates
     * (compare-and-append, so concurrent updaters cannot both pass a status check).
     *
     * @return false if the receipt is missing or the count changed
     */
    boolean appendReceiptUpdate(String workOrderId, int expectedCount, byte[] update);

    /**
     * At most {@code limit} ids of work orders with a receipt after {@code afterId}, in ascending key
     * order: a range scan of the table's key index that reads no receipt.
     *
     * @param afterId any text (not necessarily a stored or storable id); null or empty for the first
     */
    List<String> receiptIds(String afterId, int limit);

    // ---- Workload state (committed together with the response that produced it) ----

    Optional<byte[]> state(String key);

    /**
     * Writes each value whose key holds none yet, in one transaction: a one-off import of state kept
     * elsewhere before (at start-up, never on the work-order path). Keys that hold a value keep it.
     *
     * @return the number of values written
     */
    int importState(Map<String, byte[]> values);

    @Override
    void close();

    /** A known id is checked first: only a new id can be {@link #REPLAYED}. */
    enum SubmitResult {
        ACCEPTED,
        /**
         * The id is known with this request hash: the same request sent again (e.g. a client retry).
         */
        IDENTICAL,
        /** The id is known with another request hash, or with none (purged before hashes were kept). */
        DUPLICATE,
        /** The id is new but the request hash is known: a request replayed under another id. */
        REPLAYED,
        /**
         * The store is nearly full: new work is refused so that completions, receipts and purge keep
         * room. Checked after the id, so a retry of a stored request is still {@link #IDENTICAL}.
         */
        FULL
    }

    enum Status {
        PENDING,
        COMPLETED
    }

    record WorkOrderInfo(String workOrderId, String workerId, long receivedAtMillis, Status status) {}

    /**
     * @param receiptUpdate built from the response; appended only if a receipt exists (may be null)
     * @param stateWrites workload state to commit with the response (key to value; empty for
     *     stateless); a null value removes the key
     */
    record Completion(
            String workOrderId,
            byte[] response,
            long completedAtMillis,
            Map<String, byte[]> stateWrites,
            ReceiptUpdateFactory receiptUpdate) {}

    /**
     * Builds a receipt update inside the completing transaction, only when a receipt exists. It must
     * not call the store: what it needs is in its arguments, and the transaction is still open.
     */
    @FunctionalInterface
    interface ReceiptUpdateFactory {
        /**
         * @return the update to append, or null to append nothing
         */
        byte[] build(byte[] rawCreateRequest, List<byte[]> existingUpdates);
    }
}
