package io.camelot.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camelot.fabric.chaincode.FabricNetwork;
import io.camelot.protocol.ErrorCode;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.model.ReceiptCreateParams;
import io.camelot.protocol.model.ReceiptLookUpParams;
import io.camelot.protocol.model.ReceiptUpdateParams;
import io.camelot.protocol.model.ReceiptUpdateRetrieveParams;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.protocol.model.WorkerLookUpParams;
import io.camelot.sdk.SubmitReply;
import io.camelot.sdk.TcsRpcException;
import io.camelot.sdk.TcsTransportException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.Gateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Fabric transport's mapping of the chaincode's state and refusals onto the SDK's client contract,
 * on a real network (deploy/fabric/network.sh): the org's admin registers workers and, as their TCS,
 * completes work orders through the Gateway; the client acts as the org's user, a requester.
 */
class FabricTcsClientTest {
    private static final String WORKER = "w1";

    private static FabricNetwork network;
    private static Gateway admin;
    private static FabricTcsClient client;

    @BeforeAll
    static void start() throws Exception {
        network = FabricNetwork.startOrSkip(Path.of("target", "fabric-it"), new FabricNetwork.Timings());
        admin = network.connect("ADMIN");
        registry()
                .submitTransaction(
                        "workerRegister", WORKER, "1", "org1", "echo,heart", "{\"hashingAlgorithm\":\"SHA-256\"}");
        registry().submitTransaction("workerRegister", "w2", "2", "org1", "echo", "{}");
        client = FabricTcsClient.connect(FabricSettings.fromNetworkEnv(network.networkEnv(), "USER"));
    }

    @AfterAll
    static void stop() throws IOException {
        if (client != null) {
            client.close();
        }
        if (network != null) {
            network.close();
        }
    }

    @Test
    void workersAreFoundPagedAndRetrieved() {
        var found = client.workerLookUp(new WorkerLookUpParams(1, "org1", "heart", null, null));
        assertThat(found.ids()).containsExactly(WORKER);
        assertThat(found.lookupTag()).isEmpty();
        assertThat(client.workerLookUp(new WorkerLookUpParams(null, null, null, null, null))
                        .ids())
                .containsExactly(WORKER, "w2");
        assertThat(client.workerLookUpNext(new WorkerLookUpParams(0, "", "echo", "1", null))
                        .ids())
                .containsExactly("w2");

        var record = client.workerRetrieve(WORKER);
        assertThat(record.workerType()).isEqualTo(1);
        assertThat(record.organizationId()).isEqualTo("org1");
        assertThat(record.applicationTypeId()).isEqualTo("echo,heart");
        assertThat(record.status()).isEqualTo(1);
        assertThat(record.details().hashingAlgorithm()).isEqualTo("SHA-256");

        assertThatThrownBy(() -> client.workerRetrieve("w9")).isInstanceOfSatisfying(TcsRpcException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER.code());
            assertThat(e.serverMessage()).isEqualTo("unknown worker w9");
        });
        assertThatThrownBy(() -> client.encryptionKeyGet(WORKER))
                .isInstanceOfSatisfying(
                        TcsRpcException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_MODE.code()));
    }

    @Test
    void aSubmissionIsPendingUntilTheTcsCompletesIt() throws Exception {
        assertThat(client.workOrderSubmit(params("wo1", WORKER)))
                .isInstanceOfSatisfying(
                        SubmitReply.Pending.class,
                        pending -> assertThat(pending.message()).contains("transaction", "block"));
        assertThat(client.workOrderGetResult("wo1")).isInstanceOf(SubmitReply.Pending.class);

        registry()
                .submitTransaction(
                        "workOrderComplete",
                        client.workOrderKey("wo1"),
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"workOrderId\":\"wo1\",\"workerId\":\"w1\"}}");

        assertThat(client.workOrderGetResult("wo1"))
                .isInstanceOfSatisfying(
                        SubmitReply.Completed.class,
                        done -> assertThat(done.result().workOrderId()).isEqualTo("wo1"));
        assertThatThrownBy(() -> client.workOrderSubmit(params("wo1", WORKER)))
                .isInstanceOfSatisfying(TcsRpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER.code());
                    assertThat(e.serverMessage()).contains("already exists");
                });
        assertThatThrownBy(() -> client.workOrderSubmit(params("wo2", "w9")))
                .isInstanceOfSatisfying(
                        TcsRpcException.class,
                        e -> assertThat(e.serverMessage()).contains("not active"));
        assertThatThrownBy(() -> client.workOrderGetResult("never-submitted"))
                .isInstanceOfSatisfying(
                        TcsRpcException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER.code()));
    }

    @Test
    void aCompletedErrorResponseSurfacesAsTheTcsError() throws Exception {
        client.workOrderSubmit(params("wo3", WORKER));
        registry()
                .submitTransaction(
                        "workOrderComplete",
                        client.workOrderKey("wo3"),
                        "{\"error\":{\"code\":9,\"message\":\"no such workload\",\"data\":{\"workOrderId\":\"wo3\"}}}");
        assertThatThrownBy(() -> client.workOrderGetResult("wo3")).isInstanceOfSatisfying(TcsRpcException.class, e -> {
            assertThat(e.code()).isEqualTo(9);
            assertThat(e.serverMessage()).isEqualTo("no such workload");
            assertThat(e.data().get("workOrderId").asText()).isEqualTo("wo3");
        });
    }

    @Test
    void aForgedCompletionIsRefusedAsAccessDenied() throws Exception {
        client.workOrderSubmit(params("wo4", WORKER));
        try (Gateway user = network.connect("USER")) {
            Contract asUser = user.getNetwork(network.get("FABRIC_CHANNEL")).getContract(FabricNetwork.CHAINCODE);
            assertThatThrownBy(() -> asUser.submitTransaction("workOrderComplete", client.workOrderKey("wo4"), "{}"))
                    .isInstanceOfSatisfying(EndorseException.class, e -> {
                        var refused = ChaincodeErrors.translate(e, "WorkOrderComplete", "test");
                        assertThat(refused).isInstanceOfSatisfying(TcsRpcException.class, rpc -> {
                            assertThat(rpc.code()).isEqualTo(ErrorCode.ACCESS_DENIED.code());
                            assertThat(rpc.serverMessage())
                                    .isEqualTo("the caller is not the TCS identity of worker w1");
                        });
                    });
        }
        assertThat(client.workOrderGetResult("wo4")).isInstanceOf(SubmitReply.Pending.class);
    }

    @Test
    void theLocalKeyIsTheChaincodes() throws Exception {
        try (Gateway user = network.connect("USER")) {
            Contract asUser = user.getNetwork(network.get("FABRIC_CHANNEL")).getContract(FabricNetwork.CHAINCODE);
            String answer = new String(
                    asUser.submitTransaction("workOrderSubmit", "wo5", WORKER, "requester", "{}"),
                    StandardCharsets.UTF_8);
            assertThat(answer).contains("\"workOrderId\":\"" + client.workOrderKey("wo5") + "\"");
        }
    }

    @Test
    void receiptsAreCreatedUpdatedRetrievedAndLookedUp() {
        client.workOrderSubmit(params("wo6", WORKER));
        client.receiptCreate(new ReceiptCreateParams(
                "wo6", "service1", WORKER, "requester", 0L, "aGFzaA==", "nonce", "sig", "rules", "key"));
        assertThatThrownBy(() -> client.receiptCreate(new ReceiptCreateParams(
                        "wo6", "service1", WORKER, "requester", 0L, "aGFzaA==", null, null, null, null)))
                .isInstanceOfSatisfying(
                        TcsRpcException.class,
                        e -> assertThat(e.serverMessage()).contains("already exists"));
        client.receiptUpdate(new ReceiptUpdateParams("wo6", "requester", 1L, "processed", "sig1", "rules", null));
        client.receiptUpdate(new ReceiptUpdateParams("wo6", "requester", 300L, "app data", "sig2", "rules", null));

        var receipt = client.receiptRetrieve("wo6");
        assertThat(receipt.workOrderId()).isEqualTo("wo6");
        assertThat(receipt.workerServiceId()).isEqualTo("service1");
        assertThat(receipt.workerId()).isEqualTo(WORKER);
        assertThat(receipt.workOrderRequestHash()).isEqualTo("aGFzaA==");
        assertThat(receipt.receiptCurrentStatus())
                .as("types above 255 keep the status")
                .isEqualTo(1L);

        var latest = client.receiptUpdateRetrieve(
                new ReceiptUpdateRetrieveParams("wo6", null, ReceiptUpdateRetrieveParams.LAST_UPDATE));
        assertThat(latest.updateType()).isEqualTo(300L);
        assertThat(latest.updateData()).isEqualTo("app data");
        assertThat(latest.updateCount()).isEqualTo(2);
        assertThat(client.receiptUpdateRetrieve(new ReceiptUpdateRetrieveParams("wo6", "requester", 1L))
                        .updateSignature())
                .isEqualTo("sig1");

        var found = client.receiptLookUp(new ReceiptLookUpParams("service1", WORKER, null, null, null, null));
        assertThat(found.ids()).containsExactly(client.workOrderKey("wo6"));
        assertThat(client.receiptLookUpNext(new ReceiptLookUpParams(null, null, null, null, null, "1"))
                        .ids())
                .isEmpty();
        assertThatThrownBy(() -> client.receiptRetrieve("wo1"))
                .isInstanceOfSatisfying(
                        TcsRpcException.class,
                        e -> assertThat(e.serverMessage()).startsWith("unknown receipt"));
    }

    @Test
    void anUnreachablePeerIsATransportFailure() throws IOException {
        FabricSettings settings = FabricSettings.fromNetworkEnv(network.networkEnv(), "USER");
        FabricSettings nowhere = new FabricSettings(
                "127.0.0.1:1",
                settings.peerTlsCa(),
                settings.mspId(),
                settings.certificate(),
                settings.privateKey(),
                settings.channel(),
                settings.chaincode());
        try (FabricTcsClient unreachable = FabricTcsClient.connect(nowhere)) {
            assertThatThrownBy(() -> unreachable.workerRetrieve(WORKER))
                    .isInstanceOf(TcsTransportException.class)
                    .hasMessageContaining("127.0.0.1:1");
        }
    }

    private static Contract registry() {
        return admin.getNetwork(network.get("FABRIC_CHANNEL")).getContract(FabricNetwork.CHAINCODE);
    }

    private static WorkOrderSubmitParams params(String workOrderId, String workerId) {
        String json = "{\"workOrderId\":\"%s\",\"workerId\":\"%s\",\"requesterId\":\"requester\","
                + "\"workloadId\":\"6563686f2d726573756c74\",\"requesterNonce\":\"00\",\"inData\":[]}";
        return ProtocolJson.bind(
                ProtocolJson.parse(String.format(json, workOrderId, workerId).getBytes(StandardCharsets.UTF_8)),
                WorkOrderSubmitParams.class);
    }
}
