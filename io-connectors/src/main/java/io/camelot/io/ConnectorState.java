package io.camelot.io;

import java.util.Optional;

/**
 * What a connector that keeps data (e.g. {@code kv}) sees of the store during one work order: reads
 * see committed values overlaid with this work order's own writes; writes are staged and commit
 * with the work order's response, or not at all if it fails. The worker keeps these keys under
 * {@link #STORE_PREFIX}, a namespace that workload state cannot reach.
 */
public interface ConnectorState {

    /**
     * Prefixes every connector key in the store. Workload state keys start with the workload's name,
     * and no workload may be named with a leading U+0000.
     */
    String STORE_PREFIX = "\u0000io/";

    Optional<byte[]> get(String key);

    void put(String key, byte[] value);

    void remove(String key);
}
