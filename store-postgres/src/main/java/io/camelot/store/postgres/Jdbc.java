package io.camelot.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.camelot.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The connection pool to one Camelot database, shared by its store and its queue table, and the
 * plumbing around it: one statement or one transaction per call, SQL failures as {@link
 * StoreException}.
 */
final class Jdbc implements AutoCloseable {
    // Code that runs inside an open transaction holding a pooled connection: a call from it could
    // wait forever for a second connection, so it is refused.
    private static final ThreadLocal<Boolean> HOLDING = ThreadLocal.withInitial(() -> false);

    private final PostgresSettings settings;
    private final HikariDataSource pool;
    private volatile boolean closed;

    private Jdbc(PostgresSettings settings, HikariDataSource pool) {
        this.settings = settings;
        this.pool = pool;
    }

    /**
     * @throws StoreException if PostgreSQL is unreachable
     */
    static Jdbc connect(PostgresSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.url());
        if (!settings.user().isEmpty()) {
            config.setUsername(settings.user());
        }
        if (!settings.password().isEmpty()) {
            config.setPassword(settings.password());
        }
        config.setMaximumPoolSize(settings.poolSize());
        config.setPoolName("camelot-store");
        config.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
        // Whatever the server's default: completions rely on re-reading a row they waited for, and the
        // purged-id trigger on a fresh snapshot per query, which only READ COMMITTED gives.
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        try {
            return new Jdbc(settings, new HikariDataSource(config));
        } catch (RuntimeException e) {
            throw new StoreException("cannot connect to PostgreSQL at " + settings.url() + ": " + rootMessage(e), e);
        }
    }

    PostgresSettings settings() {
        return settings;
    }

    @FunctionalInterface
    interface SqlWork<R> {
        R run(Connection connection) throws SQLException;
    }

    /** One statement in autocommit mode. */
    <R> R connection(SqlWork<R> work) {
        checkUsable();
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Runs {@code work} in one transaction, committed if it returns, rolled back if it throws. */
    <R> R transaction(SqlWork<R> work) {
        checkUsable();
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                R result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Runs caller code inside an open transaction: calls to this database from it are refused. */
    static <T> T holdingConnection(Supplier<T> callerCode) {
        HOLDING.set(true);
        try {
            return callerCode.get();
        } finally {
            HOLDING.set(false);
        }
    }

    int update(String sql, byte[]... parameters) {
        return connection(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    s.setBytes(i + 1, parameters[i]);
                }
                return s.executeUpdate();
            }
        });
    }

    Optional<byte[]> bytes(String sql, byte[] key) {
        return connection(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setBytes(1, key);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
                }
            }
        });
    }

    List<String> ids(String sql, byte[]... parameters) {
        return connection(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    s.setBytes(i + 1, parameters[i]);
                }
                try (ResultSet rs = s.executeQuery()) {
                    List<String> ids = new ArrayList<>();
                    while (rs.next()) {
                        ids.add(Ids.decode(rs.getBytes(1)));
                    }
                    return Collections.unmodifiableList(ids);
                }
            }
        });
    }

    /** The single number a query returns. */
    static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Whether PostgreSQL answers now. */
    boolean reachable() {
        try {
            return connection(c -> c.isValid(2));
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        closed = true;
        pool.close();
    }

    boolean closed() {
        return closed;
    }

    private void checkUsable() {
        if (HOLDING.get()) {
            throw new IllegalStateException("the store must not be called from inside a ReceiptUpdateFactory");
        }
        if (closed) {
            throw new IllegalStateException("the store at " + settings.url() + " is closed");
        }
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private StoreException failure(SQLException e) {
        return new StoreException("PostgreSQL at " + settings.url() + " failed: " + e.getMessage(), e);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
