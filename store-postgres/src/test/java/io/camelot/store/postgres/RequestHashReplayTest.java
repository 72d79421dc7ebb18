package io.camelot.store.postgres;

import static io.camelot.scheduler.Replays.shiftIdDigitOntoNonce;
import static io.camelot.store.postgres.SharedDependenciesTest.succeed;
import static io.camelot.store.postgres.SharedDependenciesTest.writes;
import static org.assertj.core.api.Assertions.assertThat;

import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.crypto.RsaOaep;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.envelope.InputSpec;
import io.camelot.protocol.envelope.RequestSealer;
import io.camelot.protocol.envelope.RequestTemplate;
import io.camelot.protocol.hash.WorkOrderHashes;
import io.camelot.protocol.jsonrpc.JsonRpcRequest;
import io.camelot.protocol.model.Dependencies;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.scheduler.QueueSettings;
import io.camelot.scheduler.WorkOrderQueue.Admission;
import io.camelot.store.TcsStore.SubmitResult;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A request re-sent under another id is refused by its request hash (security review H1): the hash
 * joins the nonce and the id without a separator, so moving the id's first digit onto the nonce
 * makes a new id with the same hash, which the shared queue must not run again. Also the upgrade
 * that indexes the requests a database of an older layout holds.
 */
class RequestHashReplayTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String WORKER = "aa";

    @RegisterExtension
    final ScratchDatabase db = new ScratchDatabase();

    @ParameterizedTest(name = "with dependencies: {0}")
    @ValueSource(booleans = {false, true})
    void aSealedRequestWithADigitOfItsIdMovedOntoItsNonceIsRefusedAsAReplay(boolean withDependencies) {
        PostgresTcsStore store = db.store();
        SharedWorkOrderQueue queue = db.track(
                new SharedWorkOrderQueue(new PostgresQueueTable(store), QueueSettings.defaults(), Clock.systemUTC()));
        WorkOrderSubmitParams original = sealed("deposit carol 5", withDependencies ? writes("wallet:carol") : null);
        WorkOrderSubmitParams shifted = shiftIdDigitOntoNonce(original);
        assertThat(shifted.workOrderId()).isNotEqualTo(original.workOrderId());
        assertThat(WorkOrderHashes.requestHash(shifted)).isEqualTo(WorkOrderHashes.requestHash(original));

        assertThat(submit(queue, original)).isEqualTo(Admission.ACCEPTED);
        assertThat(submit(queue, shifted)).isEqualTo(Admission.REPLAYED);
        assertThat(submit(queue, original)).isEqualTo(Admission.IDENTICAL);
        assertThat(store.workOrder(shifted.workOrderId())).isEmpty();
        assertThat(store.pending(WORKER)).containsExactly(original.workOrderId());

        // Still refused once the original completed and was purged.
        succeed(store, original.workOrderId());
        assertThat(store.purge(Long.MAX_VALUE, 0, Long.MAX_VALUE)).isEqualTo(1);
        assertThat(submit(queue, shifted)).isEqualTo(Admission.REPLAYED);
        assertThat(submit(queue, original)).isEqualTo(Admission.IDENTICAL);
        assertThat(store.pendingCount()).isZero();
    }

    @ParameterizedTest(name = "created at layout version {0}")
    @ValueSource(ints = {1, 2, 3})
    void anOlderLayoutIsUpgradedByIndexingTheRequestsItHolds(int createdAtVersion) throws Exception {
        WorkOrderSubmitParams pending = sealed("pending", null);
        WorkOrderSubmitParams completed = sealed("completed", null);
        try (Connection c = db.connection()) {
            OldLayouts.create(c, createdAtVersion);
            insert(c, pending.workOrderId(), body(pending), null);
            insert(c, completed.workOrderId(), body(completed), new byte[] {'{', '}'});
            insert(c, "0c", new byte[] {'{'}, null);
        }

        PostgresTcsStore store = db.store();

        for (WorkOrderSubmitParams stored : List.of(pending, completed)) {
            byte[] hash = WorkOrderHashes.requestHash(stored);
            assertThat(store.submit("0d", WORKER, hash, body(stored), 1)).isEqualTo(SubmitResult.REPLAYED);
            assertThat(store.submit(stored.workOrderId(), WORKER, hash, body(stored), 1))
                    .isEqualTo(SubmitResult.IDENTICAL);
        }
        // The request that does not parse has no hash to index; its work order stays.
        assertThat(store.pending(WORKER)).containsExactlyInAnyOrder(pending.workOrderId(), "0c");
        assertThat(queryLong("SELECT count(*) FROM request_hashes")).isEqualTo(2);
        assertThat(queryLong("SELECT value FROM camelot_meta WHERE name = 'format'"))
                .isEqualTo(PostgresSchema.FORMAT_VERSION);
    }

    @Test
    void aNewDatabaseIsNotReindexedWhenOpenedAgain() throws Exception {
        WorkOrderSubmitParams params = sealed("once", null);
        db.store().submit(params.workOrderId(), WORKER, WorkOrderHashes.requestHash(params), body(params), 0);

        PostgresTcsStore again = db.store();

        assertThat(again.submit("0d", WORKER, WorkOrderHashes.requestHash(params), body(params), 1))
                .isEqualTo(SubmitResult.REPLAYED);
        assertThat(queryLong("SELECT count(*) FROM request_hashes")).isEqualTo(1);
    }

    /**
     * A request sealed to a worker key of its own; no worker opens it here. One with dependencies is
     * signed, as resources require.
     */
    static WorkOrderSubmitParams sealed(String input, Dependencies deps) {
        RequestTemplate template = new RequestTemplate(
                randomHex(32),
                WORKER,
                randomHex(8),
                randomHex(32),
                randomHex(16),
                6000,
                null,
                List.of(InputSpec.text(input)),
                List.of(),
                deps);
        return RequestSealer.seal(template, RsaOaep.generate().publicKey(), deps == null ? null : Secp256k1.generate())
                .request();
    }

    static byte[] body(WorkOrderSubmitParams params) {
        return ProtocolJson.toBytes(JsonRpcRequest.of("WorkOrderSubmit", 1, ProtocolJson.toTree(params)));
    }

    /** As the listener submits: the hash of the parsed params, the request as received. */
    static Admission submit(SharedWorkOrderQueue queue, WorkOrderSubmitParams params) {
        return queue.submit(params.workOrderId(), WORKER, params, WorkOrderHashes.requestHash(params), body(params));
    }

    static void insert(Connection c, String id, byte[] request, byte[] response) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO work_orders (id, worker_id, received_at, request, response, completed_at)"
                        + " VALUES (?, ?, 0, ?, ?, ?)")) {
            s.setBytes(1, Ids.encode(id, "id"));
            s.setBytes(2, Ids.encode(WORKER, "worker"));
            s.setBytes(3, request);
            s.setBytes(4, response);
            s.setObject(5, response == null ? null : 1L);
            s.executeUpdate();
        }
    }

    long queryLong(String sql) throws SQLException {
        try (Connection c = db.connection();
                PreparedStatement s = c.prepareStatement(sql);
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
