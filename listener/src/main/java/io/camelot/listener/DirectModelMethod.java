package io.camelot.listener;

import io.camelot.protocol.model.EncryptionKeyGetParams;
import io.camelot.protocol.model.ReceiptCreateParams;
import io.camelot.protocol.model.ReceiptLookUpParams;
import io.camelot.protocol.model.ReceiptUpdateParams;
import io.camelot.protocol.model.ReceiptUpdateRetrieveParams;
import io.camelot.protocol.model.WorkOrderIdParams;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.protocol.model.WorkerIdParams;
import io.camelot.protocol.model.WorkerLookUpParams;
import io.camelot.protocol.model.WorkerRegisterParams;
import io.camelot.protocol.model.WorkerSetStatusParams;
import io.camelot.protocol.model.WorkerUpdateParams;
import java.util.Optional;

/**
 * The direct-model API in one table: each method's wire name and the record {@code Params} binds
 * its params to. The method classes take their names from here, and the OpenRPC test checks {@code
 * openrpc.json} against it.
 */
public enum DirectModelMethod {
    WORKER_LOOK_UP("WorkerLookUp", WorkerLookUpParams.class),
    WORKER_LOOK_UP_NEXT("WorkerLookUpNext", WorkerLookUpParams.class),
    WORKER_RETRIEVE("WorkerRetrieve", WorkerIdParams.class),
    WORKER_REGISTER("WorkerRegister", WorkerRegisterParams.class),
    WORKER_UPDATE("WorkerUpdate", WorkerUpdateParams.class),
    WORKER_SET_STATUS("WorkerSetStatus", WorkerSetStatusParams.class),
    WORKER_ROTATE_KEY("WorkerRotateKey", WorkerIdParams.class),
    ENCRYPTION_KEY_GET("EncryptionKeyGet", EncryptionKeyGetParams.class),
    ENCRYPTION_KEY_SET("EncryptionKeySet", null),
    WORK_ORDER_SUBMIT("WorkOrderSubmit", WorkOrderSubmitParams.class),
    WORK_ORDER_GET_RESULT("WorkOrderGetResult", WorkOrderIdParams.class),
    WORK_ORDER_RECEIPT_CREATE("WorkOrderReceiptCreate", ReceiptCreateParams.class),
    WORK_ORDER_RECEIPT_UPDATE("WorkOrderReceiptUpdate", ReceiptUpdateParams.class),
    WORK_ORDER_RECEIPT_RETRIEVE("WorkOrderReceiptRetrieve", WorkOrderIdParams.class),
    WORK_ORDER_RECEIPT_UPDATE_RETRIEVE("WorkOrderReceiptUpdateRetrieve", ReceiptUpdateRetrieveParams.class),
    WORK_ORDER_RECEIPT_LOOK_UP("WorkOrderReceiptLookUp", ReceiptLookUpParams.class),
    WORK_ORDER_RECEIPT_LOOK_UP_NEXT("WorkOrderReceiptLookUpNext", ReceiptLookUpParams.class),
    /** OpenRPC service discovery. */
    RPC_DISCOVER("rpc.discover", null);

    private final String methodName;
    private final Class<? extends Record> paramsType;

    DirectModelMethod(String methodName, Class<? extends Record> paramsType) {
        this.methodName = methodName;
        this.paramsType = paramsType;
    }

    /** The name on the wire. */
    public String methodName() {
        return methodName;
    }

    /** The record the params are bound to; empty for a method that reads no params. */
    public Optional<Class<? extends Record>> paramsType() {
        return Optional.ofNullable(paramsType);
    }
}
