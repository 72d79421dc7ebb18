package io.camelot.store.postgres;

import io.camelot.store.TcsStore.SubmitResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.postgresql.util.PSQLException;

/**
 * What a work order insert answers, shared by the plain submission ({@link PostgresTcsStore}) and
 * the one with dependencies ({@link PostgresQueueTable}). Either statement returns a row if it
 * inserted the work order; its NOT EXISTS refuses a purged id or a known request hash quietly; the
 * trigger of schema-v3.sql refuses an id purged while the statement ran, and the key of
 * request_hashes a hash inserted by a submission that committed meanwhile (the statement then rolls
 * back).
 */
final class SubmitOutcomes {
    // Raised by the schema-v3 trigger when an inserted work order's id was purged meanwhile.
    private static final String PURGED_ID_STATE = "CMPRG";
    // unique_violation: on request_hashes' key, a hash another submission inserted meanwhile.
    private static final String UNIQUE_VIOLATION_STATE = "23505";
    private static final String REQUEST_HASHES_KEY = "request_hashes_pkey";
    // Read afterwards in a new snapshot: what refused the submission was committed and stays known
    // (the id as a work order or, once purged, a tombstone; the request hash).
    private static final String REFUSAL = """
      SELECT EXISTS (SELECT 1 FROM work_orders WHERE id = ?) OR EXISTS (SELECT 1 FROM purged_ids WHERE id = ?),
             EXISTS (SELECT 1 FROM request_hashes WHERE hash = ? AND id = ?)""";

    private SubmitOutcomes() {}

    /**
     * Runs the insert statement {@code s} of work order {@code id} with request hash {@code hash}.
     */
    static SubmitResult insert(Connection c, PreparedStatement s, byte[] id, byte[] hash) throws SQLException {
        try (ResultSet rs = s.executeQuery()) {
            if (rs.next()) {
                return SubmitResult.ACCEPTED;
            }
        } catch (SQLException e) {
            if (!PURGED_ID_STATE.equals(e.getSQLState()) && !isRequestHashConflict(e)) {
                throw e;
            }
        }
        return refusal(c, id, hash);
    }

    private static boolean isRequestHashConflict(SQLException e) {
        return UNIQUE_VIOLATION_STATE.equals(e.getSQLState())
                && e instanceof PSQLException p
                && p.getServerErrorMessage() != null
                && REQUEST_HASHES_KEY.equals(p.getServerErrorMessage().getConstraint());
    }

    private static SubmitResult refusal(Connection c, byte[] id, byte[] hash) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(REFUSAL)) {
            s.setBytes(1, id);
            s.setBytes(2, id);
            s.setBytes(3, hash);
            s.setBytes(4, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return SubmitResult.REPLAYED;
                }
                return rs.getBoolean(2) ? SubmitResult.IDENTICAL : SubmitResult.DUPLICATE;
            }
        }
    }
}
