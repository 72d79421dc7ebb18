package io.camelot.bridge;

import java.util.ArrayDeque;
import java.util.Optional;

/**
 * Which of the delivered events are handled, in chain order, so that the checkpoint moves only past
 * a prefix of handled ones while later work orders are relayed concurrently. Thread-safe.
 */
final class Progress {
    /** One delivered position; {@code handled} once its relay is done (at once for a passed one). */
    static final class Entry {
        private final Checkpoint position;
        private boolean handled;

        private Entry(Checkpoint position, boolean handled) {
            this.position = position;
            this.handled = handled;
        }
    }

    private final ArrayDeque<Entry> delivered = new ArrayDeque<>();
    private Checkpoint committed;
    private Checkpoint lastDelivered;

    Progress(Checkpoint start) {
        this.committed = start;
        this.lastDelivered = start;
    }

    /** A work order being relayed: the checkpoint waits for it. */
    synchronized Entry relaying(Checkpoint position) {
        return deliver(new Entry(position, false));
    }

    /** A position with nothing to relay; returns the checkpoint if it moved. */
    synchronized Optional<Checkpoint> passed(Checkpoint position) {
        deliver(new Entry(position, true));
        return advance();
    }

    /** Marks a relay done; returns the checkpoint if it moved. */
    synchronized Optional<Checkpoint> handled(Entry entry) {
        entry.handled = true;
        return advance();
    }

    /** Everything up to here is handled. */
    synchronized Checkpoint committed() {
        return committed;
    }

    /** Everything up to here was delivered (handled or being relayed): where to follow on from. */
    synchronized Checkpoint lastDelivered() {
        return lastDelivered;
    }

    private Entry deliver(Entry entry) {
        delivered.addLast(entry);
        lastDelivered = entry.position;
        return entry;
    }

    private Optional<Checkpoint> advance() {
        Checkpoint before = committed;
        while (!delivered.isEmpty() && delivered.peekFirst().handled) {
            committed = delivered.removeFirst().position;
        }
        return committed.equals(before) ? Optional.empty() : Optional.of(committed);
    }
}
