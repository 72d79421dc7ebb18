package io.camelot.server;

import io.camelot.io.ConnectorState;
import io.camelot.store.TcsStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Connector writes staged over a store, as a work order sees them, for tests below the worker. */
final class StagedConnectorState implements ConnectorState {
    private final TcsStore store;
    private final Map<String, byte[]> writes = new HashMap<>();

    StagedConnectorState(TcsStore store) {
        this.store = store;
    }

    @Override
    public Optional<byte[]> get(String key) {
        return writes.containsKey(key) ? Optional.ofNullable(writes.get(key)) : store.state(STORE_PREFIX + key);
    }

    @Override
    public void put(String key, byte[] value) {
        writes.put(key, value);
    }

    @Override
    public void remove(String key) {
        writes.put(key, null);
    }

    /** The staged writes as the worker hands them to the store's completion. */
    Map<String, byte[]> storeWrites() {
        Map<String, byte[]> prefixed = new HashMap<>();
        writes.forEach((key, value) -> prefixed.put(STORE_PREFIX + key, value));
        return prefixed;
    }
}
