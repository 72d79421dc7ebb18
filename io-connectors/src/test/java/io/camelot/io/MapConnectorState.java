package io.camelot.io;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Connector state that writes through to a map at once: the connector's view of a store, minus the
 * staging the worker adds.
 */
final class MapConnectorState implements ConnectorState {
    final Map<String, byte[]> values = new ConcurrentHashMap<>();

    @Override
    public Optional<byte[]> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    @Override
    public void put(String key, byte[] value) {
        values.put(key, value.clone());
    }

    @Override
    public void remove(String key) {
        values.remove(key);
    }
}
