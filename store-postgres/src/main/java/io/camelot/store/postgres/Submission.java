package io.camelot.store.postgres;

import io.camelot.store.RequestHashes;
import io.camelot.store.TcsStore.SubmitResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Objects;

/**
 * A work order to insert, checked and encoded as the tables hold it: what the plain submission
 * ({@link PostgresTcsStore}) and the one with dependencies ({@link PostgresQueueTable}) share. Their
 * statements take it as their first seven parameters.
 */
record Submission(byte[] id, byte[] worker, byte[] hash, byte[] rawRequest, long receivedAtMillis) {
    static Submission of(
            String workOrderId, String workerId, byte[] requestHash, byte[] rawRequest, long receivedAtMillis) {
        return new Submission(
                Ids.encode(workOrderId, "workOrderId"),
                Ids.encode(workerId, "workerId"),
                RequestHashes.checked(requestHash),
                Objects.requireNonNull(rawRequest, "rawRequest"),
                receivedAtMillis);
    }

    /** Sets parameters 1 to 7 of the insert statement {@code s} and runs it. */
    SubmitResult insert(Connection c, PreparedStatement s) throws SQLException {
        s.setBytes(1, id);
        s.setBytes(2, worker);
        s.setLong(3, receivedAtMillis);
        s.setBytes(4, rawRequest);
        s.setBytes(5, id);
        s.setBytes(6, hash);
        s.setBytes(7, hash);
        return SubmitOutcomes.insert(c, s, id, hash);
    }
}
