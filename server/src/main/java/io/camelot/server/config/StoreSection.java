package io.camelot.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.camelot.store.LmdbTcsStore;
import io.camelot.store.postgres.PostgresSettings;

/** {@code [store]}: where work orders, results and the Worker Directory are kept. */
public record StoreSection(
        @JsonPropertyDescription("directory of the lmdb store, the sealed worker keys and the simulated sealing secret")
        @JsonProperty("data_dir")
        String dataDir,

        @JsonPropertyDescription("lmdb only: the map size in MiB; the file grows lazily up to it")
        @JsonProperty("map_size_mb")
        long mapSizeMb,

        @JsonPropertyDescription(
                "\"lmdb\" (one process) or \"postgres\" (a store shared by many listener and worker processes, see docs/scale-out.md)")
        Backend backend,

        @JsonPropertyDescription("postgres only: \"jdbc:postgresql://host:port/database\"")
        String url,

        @JsonPropertyDescription("postgres only: the database user")
        String user,

        @JsonPropertyDescription(
                "postgres only: the database password; \"\" = from the environment variable CAMELOT_STORE_PASSWORD")
        String password,

        @JsonPropertyDescription("postgres only: connections this process keeps (HikariCP)") @JsonProperty("pool_size")
        int poolSize,

        @JsonPropertyDescription(
                "lmdb only: new work orders are refused with BUSY (code 8) once the store uses this share"
                        + " of map_size_mb; the rest keeps completions, receipts and purge writable")
        @JsonProperty("submit_limit_percent")
        int submitLimitPercent) {
    /** The store backends. */
    public enum Backend implements TomlChoice {
        LMDB,
        POSTGRES;
    }

    public StoreSection {
        Ranges.atLeast("store", "map_size_mb", mapSizeMb, 1);
        Ranges.within("store", "submit_limit_percent", submitLimitPercent, 1, 100);
        if (backend == Backend.POSTGRES && url.isBlank()) {
            throw new IllegalArgumentException(
                    "[store] backend = \"postgres\" needs url = \"jdbc:postgresql://host:port/database\"");
        }
    }

    /** An lmdb store in {@code dataDir}, of {@code mapSizeMb} MiB at most. */
    public static StoreSection lmdb(String dataDir, long mapSizeMb) {
        return new StoreSection(
                dataDir, mapSizeMb, Backend.LMDB, "", "", "", 8, LmdbTcsStore.DEFAULT_SUBMIT_LIMIT_PERCENT);
    }

    public static StoreSection defaults() {
        return lmdb("camelot-data", 4096);
    }

    public boolean postgres() {
        return backend == Backend.POSTGRES;
    }

    /** The PostgreSQL connection, the password from the file or else from the environment. */
    public PostgresSettings postgresSettings() {
        String secret = password.isEmpty() ? System.getenv().getOrDefault("CAMELOT_STORE_PASSWORD", "") : password;
        return new PostgresSettings(url, user, secret, poolSize);
    }

    /** The same store with another data directory (a command-line override). */
    public StoreSection withDataDir(String otherDataDir) {
        return new StoreSection(otherDataDir, mapSizeMb, backend, url, user, password, poolSize, submitLimitPercent);
    }
}
