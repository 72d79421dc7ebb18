package io.camelot.listener.methods;

import io.camelot.protocol.EeaException;
import io.camelot.protocol.Params;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.ReceiptLookUp;
import io.camelot.protocol.crypto.CryptoException;
import io.camelot.protocol.crypto.PublicKeyVerify;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.model.LookUpResult;
import io.camelot.protocol.model.ReceiptCreateParams;
import io.camelot.protocol.model.ReceiptLookUpParams;
import io.camelot.protocol.model.ReceiptUpdateParams;
import io.camelot.store.TcsStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads of the receipt tables shared by the receipt methods. A receipt is stored as its raw create
 * request and its updates as {@link ReceiptUpdateParams} JSON, in append order.
 */
final class Receipts {
    private Receipts() {}

    static String notFound(String workOrderId) {
        return "Work order receipt for work order id "
                + workOrderId
                + " not found in the database. Hence invalid parameter";
    }

    static Optional<ReceiptCreateParams> create(TcsStore store, String workOrderId) {
        return store.receipt(workOrderId)
                .map(raw -> Params.receiptCreate(ProtocolJson.parse(raw).get("params")));
    }

    static List<ReceiptUpdateParams> updates(TcsStore store, String workOrderId) {
        return store.receiptUpdates(workOrderId).stream()
                .map(bytes -> ProtocolJson.bind(bytes, ReceiptUpdateParams.class))
                .toList();
    }

    /** The latest update's type, or the create status while there is no update. */
    static long currentStatus(ReceiptCreateParams create, List<ReceiptUpdateParams> updates) {
        return updates.isEmpty()
                ? create.receiptCreateStatus()
                : updates.getLast().updateType();
    }

    static PublicKeyVerify verifier(String pem) {
        try {
            return Secp256k1.verifierFromPem(pem);
        } catch (CryptoException e) {
            throw EeaException.invalidParameter("Invalid data format for receiptVerificationKey");
        }
    }

    /**
     * A page of receipts matching every filter given (none given matches all), in key order; the
     * status filter compares with the receipt's current status. With a tag, only receipts after that
     * id.
     */
    static LookUpResult lookUp(TcsStore store, ReceiptLookUp lookUp, String afterTag) {
        ReceiptLookUpParams filter = lookUp.params();
        return LookUpPage.after(store::receiptIds, afterTag, id -> {
            Optional<ReceiptCreateParams> create = create(store, id);
            return create.isPresent()
                    && matches(create.get(), filter)
                    && lookUp.status().matches(() -> currentStatus(create.get(), updates(store, id)));
        });
    }

    private static boolean matches(ReceiptCreateParams create, ReceiptLookUpParams filter) {
        return (filter.workerServiceId() == null || Objects.equals(filter.workerServiceId(), create.workerServiceId()))
                && (filter.workerId() == null || Objects.equals(filter.workerId(), create.workerId()))
                && (filter.requesterId() == null || Objects.equals(filter.requesterId(), create.requesterId()));
    }
}
