package io.camelot.store.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The PostgreSQL server the tests use: the one named by {@code CAMELOT_TEST_PG_URL} (a JDBC URL to
 * an existing database whose user may CREATE DATABASE; {@code CAMELOT_TEST_PG_USER} and {@code
 * CAMELOT_TEST_PG_PASSWORD} optional), or else a throwaway cluster this class creates once per JVM
 * with the installed server binaries: initdb into a temp directory (as the {@code postgres} user
 * when running as root, since initdb refuses root), started on a free loopback port, stopped and
 * deleted when the JVM exits. Each test gets its own new database.
 *
 * <p>Without PostgreSQL the tests fail, saying how to install it: they never skip silently.
 */
public final class TestPostgres {
    private static final String URL_VARIABLE = "CAMELOT_TEST_PG_URL";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static TestPostgres instance;

    private final String adminUrl;
    private final Properties credentials;
    private final String baseUrl;

    private TestPostgres(String adminUrl, Properties credentials, String baseUrl) {
        this.adminUrl = adminUrl;
        this.credentials = credentials;
        this.baseUrl = baseUrl;
    }

    public static synchronized TestPostgres get() {
        if (instance == null) {
            String url = System.getenv(URL_VARIABLE);
            instance = url != null && !url.isBlank() ? external(url) : startCluster();
        }
        return instance;
    }

    /** A new, empty database and the settings to reach it with a pool of {@code poolSize}. */
    public PostgresSettings newDatabase(int poolSize) {
        String name = "camelot_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(adminUrl, credentials);
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + " at " + adminUrl, e);
        }
        return new PostgresSettings(
                baseUrl + name, credentials.getProperty("user"), credentials.getProperty("password"), poolSize);
    }

    private static TestPostgres external(String url) {
        Properties credentials = new Properties();
        credentials.setProperty("user", envOr("CAMELOT_TEST_PG_USER", "postgres"));
        credentials.setProperty("password", envOr("CAMELOT_TEST_PG_PASSWORD", ""));
        // Same server, other databases: keep everything up to the database name.
        String base = url.substring(0, url.lastIndexOf('/') + 1);
        return new TestPostgres(url, credentials, base);
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    private static TestPostgres startCluster() {
        Path bin = findServerBinaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            Path dir = Files.createTempDirectory(Path.of("/tmp"), "camelot-pg-");
            if (root) {
                run(List.of("chown", "postgres:postgres", dir.toString()), false);
            }
            Path data = dir.resolve("data");
            int port = freePort();
            run(
                    List.of(
                            bin.resolve("initdb").toString(),
                            "-D",
                            data.toString(),
                            "-U",
                            "postgres",
                            "-A",
                            "trust",
                            "-E",
                            "UTF8",
                            "--locale=C",
                            "--no-sync"),
                    root);
            // fsync off: the tests check Camelot's logic, not PostgreSQL's durability, on a busy box.
            run(
                    List.of(
                            bin.resolve("pg_ctl").toString(),
                            "-D",
                            data.toString(),
                            "-l",
                            dir.resolve("server.log").toString(),
                            "-w",
                            "-t",
                            "120",
                            "-o",
                            "-p "
                                    + port
                                    + " -c listen_addresses=127.0.0.1 -k "
                                    + dir
                                    + " -c fsync=off -c max_connections=300",
                            "start"),
                    root);
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
                try {
                    run(
                            List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "stop"),
                            root);
                } catch (RuntimeException e) {
                    System.err.println("TestPostgres: could not stop the test cluster: " + e.getMessage());
                }
                deleteRecursively(dir);
            }));
            Properties credentials = new Properties();
            credentials.setProperty("user", "postgres");
            credentials.setProperty("password", "");
            String base = "jdbc:postgresql://127.0.0.1:" + port + "/";
            return new TestPostgres(base + "postgres", credentials, base);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a throwaway PostgreSQL cluster", e);
        }
    }

    /** The newest installed server's bin directory (Debian: /usr/lib/postgresql/VERSION/bin). */
    static Path findServerBinaries() {
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                var newest = versions.map(version -> version.resolve("bin"))
                        .filter(bin ->
                                Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
                        .max(Comparator.comparing(bin -> versionNumber(bin.getParent())));
                if (newest.isPresent()) {
                    return newest.get();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("PostgreSQL tests need a PostgreSQL server: no initdb/pg_ctl under "
                + debian
                + ". Install it (apt-get install postgresql) or point "
                + URL_VARIABLE
                + " at a database whose user may CREATE DATABASE.");
    }

    private static int versionNumber(Path versionDir) {
        try {
            return Integer.parseInt(versionDir.getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void run(List<String> command, boolean asPostgres) {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(180, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(
                        "command failed: " + String.join(" ", full) + "\n" + new String(output));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", full), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + full.getFirst(), e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Best effort: the directory is under /tmp.
        }
    }
}
