package io.camelot.server;

import io.camelot.server.config.StoreSection;
import io.camelot.store.LmdbTcsStore;
import io.camelot.store.postgres.PostgresSettings;
import io.camelot.store.postgres.PostgresTcsStore;
import java.nio.file.Path;

/**
 * Opens the store {@code [store]} names. The one place that decides which backend a command runs
 * on: {@code serve} keeps a local LMDB store; {@code listener}, {@code worker} and {@code
 * queue-bench} share a PostgreSQL one.
 */
final class StoreFactory {
    private StoreFactory() {}

    /** The local LMDB store under the data directory (the {@code serve} process). */
    static LmdbTcsStore openLocal(StoreSection store) {
        requireLocal(store);
        return LmdbTcsStore.open(
                Path.of(store.dataDir()).resolve("store"), store.mapSizeMb() << 20, store.submitLimitPercent());
    }

    /**
     * @throws UserError if {@code store} is the shared PostgreSQL one, which {@code serve} cannot run
     *     on
     */
    static void requireLocal(StoreSection store) {
        if (store.postgres()) {
            throw UserError.usage("needs the local LMDB store; with [store] backend = \"postgres\" start"
                    + " `camelot listener` and `camelot worker` processes instead (see docs/scale-out.md)");
        }
    }

    /** The PostgreSQL store shared with the other processes of {@code command}'s deployment. */
    static PostgresTcsStore openShared(StoreSection store, String command) {
        return PostgresTcsStore.open(sharedSettings(store, command));
    }

    /**
     * @throws IllegalArgumentException if {@code store} is not the shared PostgreSQL one
     */
    static PostgresSettings sharedSettings(StoreSection store, String command) {
        if (!store.postgres()) {
            throw new IllegalArgumentException("camelot "
                    + command
                    + " shares its store with other processes: configure [store] backend = \"postgres\""
                    + " and url = \"jdbc:postgresql://host:port/database\" (see docs/scale-out.md)");
        }
        return store.postgresSettings();
    }
}
