package io.camelot.bench;

import java.util.List;

/** Per-work-order crypto time measured by {@link CryptoCeiling}, step by step. */
public record CryptoCost(String suite, int payloadBytes, List<StepCost> steps) {

    public enum Side {
        SERVER,
        CLIENT
    }

    public record StepCost(String name, Side side, double micros) {}

    public double serverMicros() {
        return total(Side.SERVER);
    }

    public double clientMicros() {
        return total(Side.CLIENT);
    }

    /** Work orders per second if {@code cores} cores did nothing but the worker's crypto. */
    public double ceiling(double cores) {
        return cores * 1e6 / serverMicros();
    }

    /**
     * The same when the requesters' crypto runs on those cores too (the bench on the server's
     * machine).
     */
    public double sharedCeiling(double cores) {
        return cores * 1e6 / (serverMicros() + clientMicros());
    }

    private double total(Side side) {
        return steps.stream()
                .filter(step -> step.side() == side)
                .mapToDouble(StepCost::micros)
                .sum();
    }
}
