package io.camelot.store.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh database for one test, and what the test opened on it, closed in reverse order: a test
 * class holds one in a {@code @RegisterExtension} field, which JUnit sets anew for each test and
 * closes after it.
 */
final class ScratchDatabase implements AutoCloseable, AfterEachCallback {
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
    public void afterEach(ExtensionContext context) throws Exception {
        close();
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable closeable : open.reversed()) {
            closeable.close();
        }
    }
}
