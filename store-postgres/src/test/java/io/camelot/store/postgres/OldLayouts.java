package io.camelot.store.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Databases as an older Camelot left them, for the in-place upgrade tests. */
final class OldLayouts {
    private OldLayouts() {}

    /** Creates the tables of layout {@code version} (schema steps 1 to version) and records it. */
    static void create(Connection c, int version) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE camelot_meta (name text PRIMARY KEY, value bigint NOT NULL)");
            for (int step = 1; step <= version; step++) {
                s.execute(PostgresSchema.stepSql(step));
            }
            s.execute("INSERT INTO camelot_meta (name, value) VALUES ('format', " + version + ")");
        }
    }
}
