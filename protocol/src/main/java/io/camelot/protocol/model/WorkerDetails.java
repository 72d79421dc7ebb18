package io.camelot.protocol.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** {@code details} of a worker record: endpoints, algorithms and {@link WorkerTypeData}. */
@JsonPropertyOrder({
    "workOrderSyncUri",
    "workOrderAsyncUri",
    "workOrderPullUri",
    "workOrderNotifyUri",
    "receiptInvocationUri",
    "workOrderInvocationAddress",
    "receiptInvocationAddress",
    "fromAddress",
    "hashingAlgorithm",
    "signingAlgorithm",
    "keyEncryptionAlgorithm",
    "dataEncryptionAlgorithm",
    "workOrderPayloadFormats",
    "workerTypeData"
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkerDetails(
        String workOrderSyncUri,
        String workOrderAsyncUri,
        String workOrderPullUri,
        String workOrderNotifyUri,
        String receiptInvocationUri,
        String workOrderInvocationAddress,
        String receiptInvocationAddress,
        String fromAddress,
        String hashingAlgorithm,
        String signingAlgorithm,
        String keyEncryptionAlgorithm,
        String dataEncryptionAlgorithm,
        String workOrderPayloadFormats,
        WorkerTypeData workerTypeData) {

    public static final String SHA_256 = "SHA-256";
    public static final String SECP256K1 = "SECP256K1";
    public static final String RSA_OAEP_3072 = "RSA-OAEP-3072";
    public static final String AES_GCM_256 = "AES-GCM-256";
    public static final String JSON_RPC = "JSON-RPC";

    /**
     * The details a Camelot worker (or pool) publishes: no endpoints or addresses, as in Avalon's
     * direct model (empty strings), and the algorithms Camelot's envelope uses.
     */
    public static WorkerDetails direct(String keyEncryptionAlgorithm, WorkerTypeData typeData) {
        return new WorkerDetails(
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                SHA_256,
                SECP256K1,
                keyEncryptionAlgorithm,
                AES_GCM_256,
                JSON_RPC,
                typeData);
    }

    /** These details as a proxy model publishes them: with where work orders and receipts go on its chain. */
    public WorkerDetails withInvocationAddresses(String workOrderAddress, String receiptAddress, String from) {
        return new WorkerDetails(
                workOrderSyncUri,
                workOrderAsyncUri,
                workOrderPullUri,
                workOrderNotifyUri,
                receiptInvocationUri,
                workOrderAddress,
                receiptAddress,
                from,
                hashingAlgorithm,
                signingAlgorithm,
                keyEncryptionAlgorithm,
                dataEncryptionAlgorithm,
                workOrderPayloadFormats,
                workerTypeData);
    }
}
