package io.camelot.ops;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * One condition {@code /health/ready} requires, e.g. "store open" or "chain reachable". A process
 * registers the checks that apply to it; the admin server runs them on every probe.
 */
public interface ReadinessCheck {

    /** Short, stable name shown in the health report, e.g. {@code store}. */
    String name();

    /**
     * Why the process is not ready, or empty when this condition holds. Must be quick; an exception
     * counts as not ready, with its message as the reason.
     */
    Optional<String> problem();

    static ReadinessCheck of(String name, Supplier<Optional<String>> problem) {
        return new ReadinessCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Optional<String> problem() {
                return problem.get();
            }
        };
    }
}
