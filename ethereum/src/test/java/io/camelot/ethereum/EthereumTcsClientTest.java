package io.camelot.ethereum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camelot.protocol.ErrorCode;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.protocol.model.WorkerLookUpParams;
import io.camelot.sdk.SubmitReply;
import io.camelot.sdk.TcsRpcException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

/** The proxy transport's mapping of chain state and rejections onto the SDK's client contract. */
class EthereumTcsClientTest {
    private static final String ORG = "aa".repeat(32);
    private static final String APP = "bb".repeat(32);
    private static final String WORKER = "f1".repeat(32);

    @TempDir
    static Path logs;

    static DevChain devChain;
    static Chain organization;
    static ProxyContracts contracts;
    static EthereumTcsClient client;

    @BeforeAll
    static void deploy() throws Exception {
        devChain = DevChain.start(logs);
        organization = Chain.connect(devChain.account(0));
        contracts = ProxyContracts.deploy(organization);
        contracts
                .workerRegistry(organization)
                .workerRegister(
                        Bytes32.of(WORKER),
                        BigInteger.ONE,
                        Bytes32.of(ORG),
                        List.of(Bytes32.of(APP)),
                        "{\"hashingAlgorithm\":\"SHA-256\"}")
                .send();
        client = EthereumTcsClient.connect(devChain.account(1), contracts);
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (organization != null) {
            organization.close();
        }
        if (devChain != null) {
            devChain.close();
        }
    }

    @Test
    void workersAreFoundAndRetrievedFromTheRegistry() {
        var found = client.workerLookUp(new WorkerLookUpParams(1, ORG, APP, null, null));
        assertThat(found.ids()).containsExactly(WORKER);
        assertThat(found.lookupTag()).isEmpty();
        assertThat(client.workerLookUp(new WorkerLookUpParams(2, null, null, null, null))
                        .ids())
                .isEmpty();

        var record = client.workerRetrieve(WORKER);
        assertThat(record.workerType()).isEqualTo(1);
        assertThat(record.organizationId()).isEqualTo(ORG);
        assertThat(record.applicationTypeId()).isEqualTo(APP);
        assertThat(record.status()).isEqualTo(1);
        assertThat(record.details().hashingAlgorithm()).isEqualTo("SHA-256");
    }

    @Test
    void unknownIdsAndBadInputAreEeaErrorsNotCrashes() {
        assertThatThrownBy(() -> client.workerRetrieve("f2".repeat(32)))
                .isInstanceOfSatisfying(
                        TcsRpcException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER.code()));
        assertThatThrownBy(() -> client.workOrderGetResult("e9".repeat(32)))
                .isInstanceOfSatisfying(
                        TcsRpcException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER.code()));
        assertThatThrownBy(() -> client.workerRetrieve("not-hex"))
                .isInstanceOfSatisfying(
                        TcsRpcException.class,
                        e -> assertThat(e.serverMessage()).contains("not a 32-byte hex id"));
        assertThatThrownBy(() -> client.encryptionKeyGet(WORKER))
                .isInstanceOfSatisfying(
                        TcsRpcException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_MODE.code()));
    }

    @Test
    void submissionIsPendingUntilCompletedAndDuplicatesOrInactiveWorkersAreRejected() {
        String order = "e1".repeat(32);
        assertThat(client.workOrderSubmit(params(order, WORKER))).isInstanceOf(SubmitReply.Pending.class);
        assertThat(client.workOrderGetResult(order)).isInstanceOf(SubmitReply.Pending.class);
        assertThatThrownBy(() -> client.workOrderSubmit(params(order, WORKER)))
                .isInstanceOfSatisfying(
                        TcsRpcException.class,
                        e -> assertThat(e.serverMessage()).contains("already exists"));
        assertThatThrownBy(() -> client.workOrderSubmit(params("e2".repeat(32), "f3".repeat(32))))
                .isInstanceOfSatisfying(
                        TcsRpcException.class,
                        e -> assertThat(e.serverMessage()).contains("not active"));
    }

    @Test
    void aCompletedErrorResponseSurfacesAsTheTcsError() throws Exception {
        String order = "e3".repeat(32);
        client.workOrderSubmit(params(order, WORKER));
        contracts
                .workOrderRegistry(organization)
                .workOrderComplete(
                        ProxyContracts.workOrderKey(clientAddress(), Bytes32.of(order)),
                        "{\"error\":{\"code\":9,\"message\":\"no such workload\",\"data\":{\"workOrderId\":\""
                                + order
                                + "\"}}}")
                .send();
        assertThatThrownBy(() -> client.workOrderGetResult(order)).isInstanceOfSatisfying(TcsRpcException.class, e -> {
            assertThat(e.code()).isEqualTo(9);
            assertThat(e.serverMessage()).isEqualTo("no such workload");
        });
    }

    private static String clientAddress() {
        return Credentials.create(devChain.account(1).privateKey()).getAddress();
    }

    private static WorkOrderSubmitParams params(String workOrderId, String workerId) {
        return new WorkOrderSubmitParams(
                workOrderId,
                0L,
                "JSON-RPC",
                null,
                null,
                "00",
                "6563686f2d726573756c74",
                workerId,
                "dd".repeat(32),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(),
                null,
                null,
                null);
    }
}
