package io.camelot.sdk;

import io.camelot.protocol.model.EncryptionKeyResult;
import io.camelot.protocol.model.LookUpResult;
import io.camelot.protocol.model.ReceiptCreateParams;
import io.camelot.protocol.model.ReceiptLookUpParams;
import io.camelot.protocol.model.ReceiptRetrieveResult;
import io.camelot.protocol.model.ReceiptUpdateParams;
import io.camelot.protocol.model.ReceiptUpdateRetrieveParams;
import io.camelot.protocol.model.ReceiptUpdateRetrieveResult;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.protocol.model.WorkerLookUpParams;
import io.camelot.protocol.model.WorkerRecord;

/**
 * The EEA direct-model methods, one blocking call each, independent of how they travel (JSON-RPC
 * over HTTP in {@link DirectTcsClient}; a proxy model would carry them over a blockchain). Calls do
 * no verification: that is {@link Requester}'s job.
 *
 * @throws TcsRpcException from any method when the TCS reports an error
 * @throws TcsTransportException when the TCS cannot be reached or answers garbage
 * @throws TcsTimeoutException when the TCS does not answer in time
 */
public interface TcsClient extends AutoCloseable {

    LookUpResult workerLookUp(WorkerLookUpParams filter);

    /** The page after {@code filter.tag()}. */
    LookUpResult workerLookUpNext(WorkerLookUpParams filterWithTag);

    WorkerRecord workerRetrieve(String workerId);

    SubmitReply workOrderSubmit(WorkOrderSubmitParams params);

    SubmitReply workOrderGetResult(String workOrderId);

    /** Returns normally when the TCS reports the receipt created. */
    void receiptCreate(ReceiptCreateParams params);

    /** Returns normally when the TCS reports the update recorded. */
    void receiptUpdate(ReceiptUpdateParams params);

    ReceiptRetrieveResult receiptRetrieve(String workOrderId);

    ReceiptUpdateRetrieveResult receiptUpdateRetrieve(ReceiptUpdateRetrieveParams params);

    LookUpResult receiptLookUp(ReceiptLookUpParams filter);

    /** The page after {@code filter.lastLookUpTag()}. */
    LookUpResult receiptLookUpNext(ReceiptLookUpParams filterWithTag);

    EncryptionKeyResult encryptionKeyGet(String workerId);

    /** Releases the transport; never throws. */
    @Override
    void close();
}
