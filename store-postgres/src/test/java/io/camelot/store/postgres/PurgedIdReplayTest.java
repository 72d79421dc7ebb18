package io.camelot.store.postgres;

import static io.camelot.store.postgres.SharedDependenciesTest.hash;
import static io.camelot.store.postgres.SharedDependenciesTest.raw;
import static io.camelot.store.postgres.SharedDependenciesTest.succeed;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.camelot.protocol.model.Dependencies;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.store.StoreException;
import io.camelot.store.TcsStore.SubmitResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * A replayed submission of a work order that a concurrent purge removes is refused: the submit's
 * snapshot predates the purge's commit, so only a check made after its insert waited for the purge
 * sees the tombstone. The interleaving is forced, not hoped for: a test trigger holds the real
 * {@link PostgresTcsStore#purge} after it deleted the row and before it commits, until the submit
 * is seen waiting on that row in {@code pg_stat_activity}. The replay carries another request hash
 * than the purged work order: the same request would be refused by its hash before its insert. Also
 * the layout upgrades that install the check: a version 1, 2 or 3 database is upgraded in place, a
 * newer one is refused.
 */
class PurgedIdReplayTest {
    // Advisory lock key the test trigger waits for while the test holds it.
    private static final long HOLD_PURGE = 0x43414d454c4f54FFL;

    @RegisterExtension
    final ScratchDatabase db = new ScratchDatabase();

    Connection admin;
    // Threads of their own: the common pool may have one thread, which the held purge occupies.
    final ExecutorService threads = Executors.newFixedThreadPool(2);

    @BeforeEach
    void connect() throws SQLException {
        db.track(threads);
        admin = db.track(db.connection());
    }

    PostgresTcsStore store() {
        return db.store();
    }

    // 0: a new database; 1 to 3: upgraded in place to the current layout when the store opens.
    @ParameterizedTest(name = "created at layout version {0}")
    @ValueSource(ints = {0, 1, 2, 3})
    void aReplayRacingThePurgeOfItsIdIsRefusedAndAnnouncesNothing(int createdAtVersion) throws Exception {
        if (createdAtVersion > 0) {
            OldLayouts.create(admin, createdAtVersion);
        }
        PostgresTcsStore store = store();
        assertAReplayDuringItsPurgeIsRefused(store);
        assertNothingAnnouncedForW0Before(store);
        assertThat(queryLong("SELECT value FROM camelot_meta WHERE name = 'format'"))
                .isEqualTo(PostgresSchema.FORMAT_VERSION);
    }

    @Test
    void aReplayRacingThePurgeOfItsIdIsRefusedWhereTheServerDefaultsToRepeatableRead() throws Exception {
        // Under REPEATABLE READ the trigger's query would reuse the submit's snapshot and miss the
        // tombstone.
        try (Statement s = admin.createStatement()) {
            s.execute(
                    "ALTER DATABASE " + admin.getCatalog() + " SET default_transaction_isolation = 'repeatable read'");
        }
        PostgresTcsStore store = store();
        assertAReplayDuringItsPurgeIsRefused(store);
    }

    /** Work order "wo" completes, then its replay under the same id runs while "wo" is purged. */
    private void assertAReplayDuringItsPurgeIsRefused(PostgresTcsStore store) throws Exception {
        assertThat(store.submit("wo", "w0", hash("wo"), raw("wo"), 0)).isEqualTo(SubmitResult.ACCEPTED);
        succeed(store, "wo");

        assertThat(replayDuringPurge(store, () -> store.submit("wo", "w0", hash("wo again"), raw("wo"), 1)))
                .isEqualTo(SubmitResult.DUPLICATE);

        assertGone(store, "wo");
    }

    @Test
    void aReplayWithDependenciesRacingThePurgeOfItsIdIsRefused() throws Exception {
        PostgresTcsStore store = store();
        PostgresQueueTable table = new PostgresQueueTable(store);
        WorkOrderSubmitParams writes =
                SharedDependenciesTest.params(new Dependencies(null, null, List.of("acct:a"), null));
        assertThat(table.submit("wo", "w0", hash("wo"), raw("wo"), 0, writes)).isEqualTo(SubmitResult.ACCEPTED);
        succeed(store, "wo");

        assertThat(replayDuringPurge(store, () -> table.submit("wo", "w0", hash("wo again"), raw("wo"), 1, writes)))
                .isEqualTo(SubmitResult.DUPLICATE);

        assertGone(store, "wo");
        assertThat(queryLong("SELECT count(*) FROM work_order_resources")).isZero();
        assertNothingAnnouncedForW0Before(store);
    }

    @Test
    void aDatabaseOfANewerLayoutIsRefused() throws Exception {
        try (Statement s = admin.createStatement()) {
            s.execute("CREATE TABLE camelot_meta (name text PRIMARY KEY, value bigint NOT NULL)");
            s.execute("INSERT INTO camelot_meta (name, value) VALUES ('format', "
                    + (PostgresSchema.FORMAT_VERSION + 1)
                    + ")");
        }

        assertThatThrownBy(() -> PostgresTcsStore.open(db.settings))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("has layout version " + (PostgresSchema.FORMAT_VERSION + 1))
                .hasMessageContaining("reads versions 1 to " + PostgresSchema.FORMAT_VERSION);
    }

    /**
     * Purges every completed work order on one thread and runs {@code replay} on another once the
     * purge has inserted its tombstones and deleted the rows but not committed; lets the purge commit
     * once the replay waits for it.
     */
    SubmitResult replayDuringPurge(PostgresTcsStore store, Supplier<SubmitResult> replay) throws Exception {
        try (Statement s = admin.createStatement()) {
            s.execute("CREATE FUNCTION test_hold_purge() RETURNS trigger LANGUAGE plpgsql AS $$"
                    + " BEGIN PERFORM pg_advisory_xact_lock("
                    + HOLD_PURGE
                    + "); RETURN NULL; END $$");
            s.execute("CREATE TRIGGER test_hold_purge AFTER DELETE ON work_orders"
                    + " FOR EACH STATEMENT EXECUTE FUNCTION test_hold_purge()");
            s.execute("SELECT pg_advisory_lock(" + HOLD_PURGE + ")");
            s.execute("LISTEN " + PostgresNotifications.SUBMITTED_CHANNEL);
        }
        CompletableFuture<Integer> purge =
                CompletableFuture.supplyAsync(() -> store.purge(Long.MAX_VALUE, 0, Long.MAX_VALUE), threads);
        awaitWaiting("DELETE FROM work_orders%", "advisory");
        CompletableFuture<SubmitResult> submit = CompletableFuture.supplyAsync(replay, threads);
        // The insert found the row the uncommitted purge deleted, and waits for the purge's outcome.
        awaitWaiting("WITH inserted AS (INSERT INTO work_orders%", "transactionid");
        try (Statement s = admin.createStatement()) {
            s.execute("SELECT pg_advisory_unlock(" + HOLD_PURGE + ")");
        }
        assertThat(purge.get(60, TimeUnit.SECONDS)).isEqualTo(1);
        return submit.get(60, TimeUnit.SECONDS);
    }

    void awaitWaiting(String queryPattern, String waitEvent) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> queryLong(
                                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                                        + " AND wait_event_type = 'Lock' AND wait_event = ? AND query LIKE ?",
                                waitEvent,
                                queryPattern)
                        == 1);
    }

    void assertGone(PostgresTcsStore store, String id) throws SQLException {
        assertThat(store.workOrder(id)).isEmpty();
        assertThat(store.request(id)).isEmpty();
        assertThat(store.pending("w0")).isEmpty();
        assertThat(queryLong("SELECT count(*) FROM purged_ids WHERE id = ?", (Object) id.getBytes(UTF_8)))
                .isEqualTo(1);
    }

    /**
     * Notifications arrive in commit order: a submission for w1 committed after the race is the first
     * the admin connection hears of, so the refused replay's pg_notify was rolled back.
     */
    void assertNothingAnnouncedForW0Before(PostgresTcsStore store) throws SQLException {
        assertThat(store.submit("other", "w1", hash("other"), raw("other"), 2)).isEqualTo(SubmitResult.ACCEPTED);
        List<String> payloads = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            PGNotification[] received = admin.unwrap(PGConnection.class).getNotifications(1000);
            Arrays.stream(received).map(PGNotification::getParameter).forEach(payloads::add);
            return !payloads.isEmpty();
        });
        assertThat(payloads).containsExactly(Ids.toPayload(Ids.encode("w1", "workerId")));
    }

    /** The first column of the first row. */
    long queryLong(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement s = admin.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
