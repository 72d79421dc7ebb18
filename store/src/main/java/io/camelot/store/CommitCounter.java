package io.camelot.store;

import java.util.concurrent.atomic.AtomicLong;
import org.lmdbjava.Txn;

/**
 * Tells whether an LMDB read transaction may have begun on a meta page that a later commit was
 * overwriting.
 *
 * <p>LMDB 0.9 begins a reader on the meta page of the last published transaction N without checking
 * it again afterwards. The two meta pages alternate, so if the reader stalls (preempted) while N+1
 * and N+2 commit, N+2 rewrites that page and the reader copies a newer, possibly half-written root:
 * it sees data whose commit has not returned (nor been synced), and the next read may see less. For
 * that, two commits must have started between the last commit that finished before the reader began
 * and the end of its begin; counting commits around the begin rules it out.
 */
final class CommitCounter {

    private final AtomicLong started = new AtomicLong();
    private final AtomicLong finished = new AtomicLong();

    void commit(Txn<byte[]> txn) {
        started.incrementAndGet();
        try {
            txn.commit();
        } finally {
            finished.incrementAndGet();
        }
    }

    /** Read before beginning a read transaction; pass it to {@link #beganSafely}. */
    long finished() {
        return finished.get();
    }

    /** Whether a read transaction begun after {@code finishedBefore} sees one whole commit. */
    boolean beganSafely(long finishedBefore) {
        return started.get() - finishedBefore < 2;
    }
}
