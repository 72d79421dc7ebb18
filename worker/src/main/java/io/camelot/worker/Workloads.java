package io.camelot.worker;

import io.camelot.io.ConnectorState;
import io.camelot.workload.Workload;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/** The workloads this worker can run, found with {@link ServiceLoader} and selected by name. */
public final class Workloads {
    private final Map<String, Workload> byName;

    /**
     * @throws IllegalStateException if a name starts with U+0000, which marks connector state keys
     */
    private Workloads(Map<String, Workload> byName) {
        for (String name : byName.keySet()) {
            if (name.startsWith(ConnectorState.STORE_PREFIX.substring(0, 1))) {
                throw new IllegalStateException(
                        "a workload name cannot start with U+0000 (reserved for connector state)");
            }
        }
        this.byName = Map.copyOf(byName);
    }

    public static Workloads load() {
        Map<String, Workload> found = new TreeMap<>();
        for (Workload workload : ServiceLoader.load(Workload.class)) {
            Workload previous = found.putIfAbsent(workload.name(), workload);
            if (previous != null) {
                throw new IllegalStateException("two workloads are named "
                        + workload.name()
                        + ": "
                        + previous.getClass().getName()
                        + " and "
                        + workload.getClass().getName());
            }
        }
        return new Workloads(found);
    }

    /**
     * These workloads plus {@code more} (e.g. the WASM catalog, built from configuration rather than
     * found by ServiceLoader).
     *
     * @throws IllegalStateException if a name is taken twice
     */
    public Workloads with(Collection<? extends Workload> more) {
        Map<String, Workload> all = new TreeMap<>(byName);
        for (Workload workload : more) {
            if (all.putIfAbsent(workload.name(), workload) != null) {
                throw new IllegalStateException("two workloads are named " + workload.name());
            }
        }
        return new Workloads(all);
    }

    public Optional<Workload> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Set<String> names() {
        return new java.util.TreeSet<>(byName.keySet());
    }
}
