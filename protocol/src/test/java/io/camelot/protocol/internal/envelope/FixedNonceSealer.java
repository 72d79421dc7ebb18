package io.camelot.protocol.internal.envelope;

import io.camelot.protocol.crypto.PublicKeySign;
import io.camelot.protocol.envelope.PlainItem;
import io.camelot.protocol.model.WorkOrderResult;
import java.util.List;

/** Opens {@link ResponseSealer}'s fixed-nonce seal to the vector tests of other packages. */
public final class FixedNonceSealer {
    private FixedNonceSealer() {}

    public static WorkOrderResult seal(
            OpenedRequest opened, List<PlainItem> outputs, PublicKeySign workerKey, String workerNonce) {
        return ResponseSealer.seal(opened, outputs, workerKey, workerNonce);
    }
}
