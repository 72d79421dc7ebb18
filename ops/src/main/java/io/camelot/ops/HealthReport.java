package io.camelot.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The answer of {@code /health/ready}: {@code UP} when every check passes, else {@code DOWN}; each
 * check maps to {@code "UP"} or the reason it is not.
 */
public record HealthReport(String status, Map<String, String> checks) {
    public static final String UP = "UP";
    public static final String DOWN = "DOWN";

    public boolean up() {
        return UP.equals(status);
    }

    public static HealthReport of(List<ReadinessCheck> checks) {
        Map<String, String> results = new LinkedHashMap<>();
        boolean ready = true;
        for (ReadinessCheck check : checks) {
            Optional<String> problem;
            try {
                problem = check.problem();
            } catch (RuntimeException e) {
                problem = Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            results.put(check.name(), problem.orElse(UP));
            ready &= problem.isEmpty();
        }
        return new HealthReport(ready ? UP : DOWN, results);
    }
}
