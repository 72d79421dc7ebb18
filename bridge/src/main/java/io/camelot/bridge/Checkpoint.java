package io.camelot.bridge;

import java.util.Objects;

/**
 * How far the bridge has handled a chain's events: every event up to and including this position.
 * With an empty {@code transactionId} the whole {@code block} is handled; otherwise the events of
 * {@code block} up to and including that transaction's (Fabric delivers a block's events one
 * transaction at a time, in order).
 */
public record Checkpoint(long block, String transactionId) {
    public Checkpoint {
        Objects.requireNonNull(transactionId, "transactionId");
        if (block < -1) {
            throw new IllegalArgumentException("a checkpoint's block is -1 (none yet) or more: " + block);
        }
    }

    /** Every event of blocks 0 to {@code block} handled (-1: none yet). */
    public static Checkpoint throughBlock(long block) {
        return new Checkpoint(block, "");
    }

    public boolean wholeBlock() {
        return transactionId.isEmpty();
    }

    /** The last block whose events are all handled (-1 before any). */
    public long lastWholeBlock() {
        return wholeBlock() ? block : block - 1;
    }
}
