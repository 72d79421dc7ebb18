package io.camelot.store;

import io.camelot.store.TcsStore.Status;
import java.nio.ByteBuffer;

/**
 * What the LMDB store keeps about a work order besides its request and response. Stored as {@code
 * status(1) sequence(8) receivedAt(8) completedAt(8) workerId(UTF-8, rest)}.
 *
 * @param sequence submission order over all workers; keys the worker's FIFO entry
 * @param completedAtMillis 0 while pending
 */
record OrderMeta(Status status, long sequence, long receivedAtMillis, long completedAtMillis, byte[] workerId) {

    private static final byte PENDING = 0;
    private static final byte COMPLETED = 1;
    private static final int FIXED_BYTES = 1 + 3 * Long.BYTES;

    static OrderMeta pending(long sequence, long receivedAtMillis, byte[] workerId) {
        return new OrderMeta(Status.PENDING, sequence, receivedAtMillis, 0, workerId);
    }

    OrderMeta completed(long completedAtMillis) {
        return new OrderMeta(Status.COMPLETED, sequence, receivedAtMillis, completedAtMillis, workerId);
    }

    byte[] encode() {
        return ByteBuffer.allocate(FIXED_BYTES + workerId.length)
                .put(status == Status.PENDING ? PENDING : COMPLETED)
                .putLong(sequence)
                .putLong(receivedAtMillis)
                .putLong(completedAtMillis)
                .put(workerId)
                .array();
    }

    static OrderMeta decode(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        Status status = switch (buffer.get()) {
            case PENDING -> Status.PENDING;
            case COMPLETED -> Status.COMPLETED;
            default -> throw new StoreException("corrupt work order record: unknown status");
        };
        long sequence = buffer.getLong();
        long receivedAtMillis = buffer.getLong();
        long completedAtMillis = buffer.getLong();
        byte[] workerId = new byte[buffer.remaining()];
        buffer.get(workerId);
        return new OrderMeta(status, sequence, receivedAtMillis, completedAtMillis, workerId);
    }
}
