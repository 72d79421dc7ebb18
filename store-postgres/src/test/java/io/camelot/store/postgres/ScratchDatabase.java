package io.camelot.store.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** A fresh database for one test, and what the test opened on it, closed in reverse order. */
final class ScratchDatabase implements AutoCloseable {
    final PostgresSettings settings = TestPostgres.get().newDatabase(4);
    private final List<AutoCloseable> open = new ArrayList<>();

    /** Closes {@code closeable} with the database, before what was opened earlier. */
    <T extends AutoCloseable> T track(T closeable) {
        open.add(closeable);
        return closeable;
    }

    PostgresTcsStore store() {
        return track(PostgresTcsStore.open(settings));
    }

    /** A plain JDBC connection, for what the store does not offer. */
    Connection connection() throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", settings.user());
        credentials.setProperty("password", settings.password());
        return DriverManager.getConnection(settings.url(), credentials);
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable closeable : open.reversed()) {
            closeable.close();
        }
    }
}
