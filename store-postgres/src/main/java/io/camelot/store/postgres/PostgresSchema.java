package io.camelot.store.postgres;

import io.camelot.store.RequestHashes;
import io.camelot.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The layout of Camelot's tables: creates them in an empty database, or upgrades an older layout in
 * place, one {@code schema-vN.sql} step at a time (under an advisory lock, so that processes
 * starting together migrate once). The layout version is kept in {@code camelot_meta}.
 */
final class PostgresSchema {
    static final int FORMAT_VERSION = 6;
    // The layout that added request_hashes: an older database's requests are indexed on upgrade.
    private static final int REQUEST_HASHES_VERSION = 4;
    // "CAMELOT" + 1: one migration at a time cluster-wide.
    private static final long MIGRATION_LOCK = 0x43414d454c4f5401L;
    // Rows the upgrade to REQUEST_HASHES_VERSION reads and indexes per round trip.
    private static final int INDEX_BATCH = 1000;

    private static final String CREATE_META =
            "CREATE TABLE IF NOT EXISTS camelot_meta (name text PRIMARY KEY, value bigint NOT NULL)";
    private static final String READ_VERSION = "SELECT value FROM camelot_meta WHERE name = 'format'";
    private static final String WRITE_VERSION =
            "INSERT INTO camelot_meta (name, value) VALUES ('format', ?) ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value";
    private static final String READ_REQUESTS = "SELECT id, request FROM work_orders ORDER BY seq";
    private static final String INDEX_REQUEST =
            "INSERT INTO request_hashes (hash, id) VALUES (?, ?) ON CONFLICT (hash) DO NOTHING";

    private static final Logger log = LoggerFactory.getLogger(PostgresSchema.class);

    private PostgresSchema() {}

    /**
     * @throws StoreException if the database holds a layout version this Camelot does not read
     */
    static void migrate(Jdbc jdbc) {
        String url = jdbc.settings().url();
        jdbc.transaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
                s.execute(CREATE_META);
                long version = 0;
                try (ResultSet rs = s.executeQuery(READ_VERSION)) {
                    if (rs.next()) {
                        version = rs.getLong(1);
                        if (version < 1 || version > FORMAT_VERSION) {
                            throw new StoreException("the database at "
                                    + url
                                    + " has layout version "
                                    + version
                                    + "; this version of Camelot reads versions 1 to "
                                    + FORMAT_VERSION);
                        }
                    }
                }
                if (version == FORMAT_VERSION) {
                    return null;
                }
                for (int step = (int) version + 1; step <= FORMAT_VERSION; step++) {
                    s.execute(stepSql(step));
                }
                if (version > 0 && version < REQUEST_HASHES_VERSION) {
                    log.info("Indexed the request hashes of {} stored work orders", indexStoredRequests(c));
                }
                try (PreparedStatement write = c.prepareStatement(WRITE_VERSION)) {
                    write.setLong(1, FORMAT_VERSION);
                    write.executeUpdate();
                }
                log.info("Camelot tables at {} now have layout version {} (was {})", url, FORMAT_VERSION, version);
                return null;
            }
        });
    }

    /** The SQL that creates layout {@code version} from layout {@code version - 1}. */
    static String stepSql(int version) {
        String resource = "schema-v" + version + ".sql";
        try (InputStream in = PostgresSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A database of a layout before {@link #REQUEST_HASHES_VERSION} kept no request hashes: indexes
     * those of the work orders it holds, oldest first, so that the first of two requests with one
     * hash keeps it (the second was a replay already). Ids purged before keep refusing their replays;
     * their hashes are gone.
     *
     * @return the number of hashes indexed
     */
    private static int indexStoredRequests(Connection c) throws SQLException {
        int indexed = 0;
        try (PreparedStatement read = c.prepareStatement(READ_REQUESTS);
                PreparedStatement insert = c.prepareStatement(INDEX_REQUEST)) {
            // Read through a cursor (the transaction is open), not the whole table at once.
            read.setFetchSize(INDEX_BATCH);
            int batched = 0;
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    Optional<byte[]> hash = RequestHashes.ofStoredRequest(rs.getBytes(2));
                    if (hash.isPresent()) {
                        insert.setBytes(1, hash.get());
                        insert.setBytes(2, rs.getBytes(1));
                        insert.addBatch();
                        if (++batched % INDEX_BATCH == 0) {
                            indexed += Arrays.stream(insert.executeBatch()).sum();
                        }
                    }
                }
            }
            return indexed + Arrays.stream(insert.executeBatch()).sum();
        }
    }
}
