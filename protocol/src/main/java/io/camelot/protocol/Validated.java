package io.camelot.protocol;

/**
 * Params that passed {@link Params}' checks (design review 9). Only {@link Params} makes one, so a
 * method taking a {@code Validated} knows by its type that its params were parsed and checked once,
 * rather than trusting a record anyone can construct.
 */
public final class Validated<P> {
    private final P params;

    Validated(P params) {
        this.params = params;
    }

    public P params() {
        return params;
    }
}
