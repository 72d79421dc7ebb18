package io.camelot.workloads;

import io.camelot.workload.Item;
import io.camelot.workload.Workload;
import io.camelot.workload.WorkloadContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Workload state as the worker keeps it: writes stay pending until the test commits them (the
 * worker commits them with the response) or discards them (the work order failed).
 */
final class InMemoryWorkloadContext implements WorkloadContext {

    private final Map<String, byte[]> committed = new HashMap<>();
    private final Map<String, byte[]> pending = new HashMap<>();
    private Optional<String> requesterKey = Optional.empty();

    /** The next work orders are signed by this key (its fingerprint), or unsigned with null. */
    InMemoryWorkloadContext signedBy(String key) {
        requesterKey = Optional.ofNullable(key);
        return this;
    }

    @Override
    public Optional<String> requesterKey() {
        return requesterKey;
    }

    @Override
    public Optional<byte[]> state(String key) {
        byte[] value = pending.containsKey(key) ? pending.get(key) : committed.get(key);
        return Optional.ofNullable(value).map(byte[]::clone);
    }

    @Override
    public void putState(String key, byte[] value) {
        pending.put(key, value.clone());
    }

    void commit() {
        committed.putAll(pending);
        pending.clear();
    }

    void discard() {
        pending.clear();
    }

    Set<String> pendingKeys() {
        return Set.copyOf(pending.keySet());
    }

    Optional<String> committedText(String key) {
        return Optional.ofNullable(committed.get(key)).map(value -> new String(value, StandardCharsets.UTF_8));
    }

    /** Runs one work order whose items are the texts at indexes 0..n-1, without committing. */
    List<Item> process(Workload workload, String... texts) {
        List<Item> inputs = new ArrayList<>(texts.length);
        for (int index = 0; index < texts.length; index++) {
            inputs.add(Item.ofText(index, texts[index]));
        }
        return workload.process(inputs, this);
    }

    /** Runs one work order and commits its writes, as the worker does on success. */
    List<String> submit(Workload workload, String... texts) {
        List<String> outputs = process(workload, texts).stream().map(Item::text).toList();
        commit();
        return outputs;
    }
}
