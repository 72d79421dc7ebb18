package io.camelot.io;

import io.camelot.workload.ExternalIo;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The worker's connectors and the operator's grants: which workload may call which connector under
 * which policy. A workload's {@link ExternalIo} reaches only the connectors granted to it by name.
 */
public final class Connectors {

    /** One grant: {@code workload} may call {@code connector} under {@code policy}. */
    public record Grant(String workload, String connector, ConnectorPolicy policy) {}

    private final Map<String, Connector> byName = new HashMap<>();
    private final Map<String, Map<String, ConnectorPolicy>> grants = new HashMap<>();
    private final Set<String> keepingState = new HashSet<>();

    /**
     * @throws IllegalArgumentException if a grant names a connector that is not among {@code
     *     connectors}
     */
    public Connectors(List<Connector> connectors, List<Grant> grantList) {
        for (Connector connector : connectors) {
            byName.put(connector.name(), connector);
        }
        for (Grant grant : grantList) {
            if (!byName.containsKey(grant.connector())) {
                throw new IllegalArgumentException("grant for workload "
                        + grant.workload()
                        + " names unknown connector "
                        + grant.connector()
                        + "; known: "
                        + byName.keySet());
            }
            grants.computeIfAbsent(grant.workload(), w -> new HashMap<>()).put(grant.connector(), grant.policy());
            if (byName.get(grant.connector()).keepsState()) {
                keepingState.add(grant.workload());
            }
        }
    }

    /**
     * True if {@code workload} is granted a connector that keeps state (see {@link
     * Connector#keepsState()}).
     */
    public boolean keepsState(String workload) {
        return keepingState.contains(workload);
    }

    /**
     * The External IO of one work order of {@code workload}: calls to ungranted connectors are
     * denied; connectors that keep data stage it in {@code state}.
     */
    public ExternalIo forWorkOrder(String workload, ConnectorState state) {
        Map<String, ConnectorPolicy> granted = grants.getOrDefault(workload, Map.of());
        return (connector, request) -> {
            ConnectorPolicy policy = Optional.ofNullable(granted.get(connector))
                    .orElseThrow(() -> Requests.denied("connector " + connector + " is not granted to " + workload));
            return byName.get(connector).call(workload, policy, state, request);
        };
    }
}
