package io.camelot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lmdbjava.ByteArrayProxy.PROXY_BA;
import static org.lmdbjava.EnvFlags.MDB_NOTLS;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.Txn;

class CommitCounterTest {

    @Test
    void aReadIsUnsafeOnlyOnceTwoCommitsStartedAroundItsBegin(@TempDir Path dir) {
        try (Env<byte[]> env = Env.create(PROXY_BA).setMaxDbs(1).open(dir.toFile(), MDB_NOTLS)) {
            Dbi<byte[]> table = env.openDbi("table", DbiFlags.MDB_CREATE);
            CommitCounter commits = new CommitCounter();
            long finishedBefore = commits.finished();

            assertThat(commits.beganSafely(finishedBefore)).isTrue();
            // One commit writes the other meta page than the one a reader starts from.
            commitOne(env, table, commits, 1);
            assertThat(commits.beganSafely(finishedBefore)).isTrue();
            commitOne(env, table, commits, 2);
            assertThat(commits.beganSafely(finishedBefore)).isFalse();
            assertThat(commits.beganSafely(commits.finished())).isTrue();
        }
    }

    private static void commitOne(Env<byte[]> env, Dbi<byte[]> table, CommitCounter commits, int n) {
        try (Txn<byte[]> txn = env.txnWrite()) {
            table.put(txn, new byte[] {(byte) n}, new byte[] {(byte) n});
            commits.commit(txn);
        }
    }
}
