package io.camelot.protocol;

import io.camelot.protocol.model.ReceiptLookUpParams;

/**
 * A receipt lookup's params that passed {@link Params}' checks, with the status filter parsed from
 * whichever of its two names was sent. Only {@link Params} makes one.
 */
public final class ReceiptLookUp {
    private final ReceiptLookUpParams params;
    private final ReceiptStatusFilter status;

    ReceiptLookUp(ReceiptLookUpParams params, ReceiptStatusFilter status) {
        this.params = params;
        this.status = status;
    }

    public ReceiptLookUpParams params() {
        return params;
    }

    public ReceiptStatusFilter status() {
        return status;
    }
}
