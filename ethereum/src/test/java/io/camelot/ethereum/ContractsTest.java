package io.camelot.ethereum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camelot.ethereum.contracts.OracleResults;
import io.camelot.ethereum.contracts.WorkOrderReceiptRegistry;
import io.camelot.ethereum.contracts.WorkOrderRegistry;
import io.camelot.ethereum.contracts.WorkerRegistryList;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;

/** The contracts' rules on a real local chain, access control first. */
class ContractsTest {
    private static final byte[] ORG = Bytes32.of("aa".repeat(32));
    private static final byte[] APP = Bytes32.of("bb".repeat(32));
    private static final byte[] STRANGERS_ORG = Bytes32.of("5a".repeat(32));

    @TempDir
    static Path logs;

    private static DevChain devChain;
    private static Chain organization;
    private static Chain stranger;
    private static Chain requester;
    private static ProxyContracts contracts;

    @BeforeAll
    static void deploy() throws Exception {
        devChain = DevChain.start(logs);
        organization = Chain.connect(devChain.account(0));
        stranger = Chain.connect(devChain.account(1));
        requester = Chain.connect(devChain.account(2));
        contracts = ProxyContracts.deploy(organization);
    }

    @AfterAll
    static void stop() {
        for (Chain chain : new Chain[] {organization, stranger, requester}) {
            if (chain != null) {
                chain.close();
            }
        }
        if (devChain != null) {
            devChain.close();
        }
    }

    @Test
    void onlyTheRegisteringOrganizationMayUpdateItsWorker() throws Exception {
        byte[] worker = register("01");
        assertThatThrownBy(() -> contracts
                        .workerRegistry(stranger)
                        .workerUpdate(worker, "{}")
                        .send())
                .isInstanceOf(TransactionException.class)
                .hasMessageContaining("not the worker's organization");
        assertThatThrownBy(() -> contracts
                        .workerRegistry(stranger)
                        .workerSetStatus(worker, BigInteger.TWO)
                        .send())
                .isInstanceOf(TransactionException.class);

        contracts.workerRegistry(organization).workerUpdate(worker, "{\"v\":2}").send();
        assertThat(contracts
                        .workerRegistry(stranger)
                        .workerRetrieve(worker)
                        .send()
                        .component5())
                .isEqualTo("{\"v\":2}");
    }

    @Test
    void onlyTheWorkersTcsAccountMayCompleteAndOnlyOnce() throws Exception {
        byte[] worker = register("02");
        byte[] order = Bytes32.of("c2".repeat(32));
        WorkOrderRegistry asRequester = contracts.workOrderRegistry(requester);
        asRequester
                .workOrderSubmit(order, worker, Bytes32.of("dd".repeat(32)), "{}")
                .send();
        byte[] key = ProxyContracts.workOrderKey(requester.address(), order);

        assertAStrangerCannotComplete(key);
        assertThatThrownBy(() -> asRequester.workOrderComplete(key, "{}").send())
                .isInstanceOf(TransactionException.class);
        assertThat(asRequester.workOrderGet(key).send().component1()).isEqualTo(BigInteger.ONE);

        contracts
                .workOrderRegistry(organization)
                .workOrderComplete(key, "{\"result\":1}")
                .send();
        assertThatThrownBy(() -> contracts
                        .workOrderRegistry(organization)
                        .workOrderComplete(key, "{}")
                        .send())
                .isInstanceOf(TransactionException.class)
                .hasMessageContaining("already completed");
        var stored = asRequester.workOrderGet(key).send();
        assertThat(stored.component1()).isEqualTo(BigInteger.TWO);
        assertThat(stored.component4()).isEqualTo("{\"result\":1}");
    }

    @Test
    void aDuplicateOrUnknownWorkerSubmissionIsReportedNotReverted() throws Exception {
        byte[] worker = register("03");
        byte[] order = Bytes32.of("c3".repeat(32));
        WorkOrderRegistry asRequester = contracts.workOrderRegistry(requester);
        TransactionReceipt first =
                asRequester.workOrderSubmit(order, worker, order, "{}").send();
        TransactionReceipt again =
                asRequester.workOrderSubmit(order, worker, order, "{}").send();
        TransactionReceipt unknown = asRequester
                .workOrderSubmit(Bytes32.of("c4".repeat(32)), Bytes32.of("ee".repeat(32)), order, "{}")
                .send();

        assertThat(WorkOrderRegistry.getWorkOrderSubmittedEvents(first).getFirst().errorCode)
                .isEqualTo(BigInteger.ZERO);
        assertThat(WorkOrderRegistry.getWorkOrderSubmittedEvents(again).getFirst().errorCode)
                .isEqualTo(BigInteger.ONE);
        assertThat(WorkOrderRegistry.getWorkOrderSubmittedEvents(unknown).getFirst().errorCode)
                .isEqualTo(BigInteger.TWO);
    }

    @Test
    void anotherAccountSubmittingTheSameIdNeitherBlocksNorOverwritesTheFirstOrder() throws Exception {
        byte[] worker = register("07");
        byte[] order = Bytes32.of("c9".repeat(32));
        WorkOrderRegistry asRequester = contracts.workOrderRegistry(requester);
        TransactionReceipt squatted = contracts
                .workOrderRegistry(stranger)
                .workOrderSubmit(order, worker, order, "{\"squat\":1}")
                .send();
        TransactionReceipt genuine =
                asRequester.workOrderSubmit(order, worker, order, "{}").send();

        var genuineEvent =
                WorkOrderRegistry.getWorkOrderSubmittedEvents(genuine).getFirst();
        assertThat(genuineEvent.errorCode).isEqualTo(BigInteger.ZERO);
        byte[] key = ProxyContracts.workOrderKey(requester.address(), order);
        assertThat(genuineEvent.workOrderId)
                .isEqualTo(key)
                .isEqualTo(asRequester.workOrderKey(requester.address(), order).send());
        byte[] squatKey =
                WorkOrderRegistry.getWorkOrderSubmittedEvents(squatted).getFirst().workOrderId;
        assertThat(squatKey).isNotEqualTo(key);
        assertThat(asRequester.workOrderGet(key).send().component3()).isEqualTo("{}");
        assertThat(asRequester.workOrderGet(squatKey).send().component3()).isEqualTo("{\"squat\":1}");

        assertAStrangerCannotComplete(key);
        contracts
                .workOrderRegistry(organization)
                .workOrderComplete(key, "{\"result\":1}")
                .send();
        assertThat(asRequester.workOrderGet(key).send().component4()).isEqualTo("{\"result\":1}");
        assertThat(asRequester.workOrderGet(squatKey).send().component1()).isEqualTo(BigInteger.ONE);
    }

    @Test
    void receiptsAreCreatedBySubmitterAndUpdatedByCreatorOrWorker() throws Exception {
        byte[] worker = register("04");
        byte[] order = Bytes32.of("c5".repeat(32));
        byte[] requesterId = Bytes32.of("dd".repeat(32));
        contracts
                .workOrderRegistry(requester)
                .workOrderSubmit(order, worker, requesterId, "{}")
                .send();
        byte[] key = ProxyContracts.workOrderKey(requester.address(), order);
        WorkOrderReceiptRegistry asStranger = contracts.receiptRegistry(stranger);
        assertThatThrownBy(() -> asStranger
                        .workOrderReceiptCreate(key, worker, worker, requesterId, BigInteger.ZERO, new byte[] {1})
                        .send())
                .isInstanceOf(TransactionException.class)
                .hasMessageContaining("not the work order's submitter");

        contracts
                .receiptRegistry(requester)
                .workOrderReceiptCreate(key, worker, worker, requesterId, BigInteger.ZERO, new byte[] {1, 2})
                .send();
        assertThatThrownBy(() -> asStranger
                        .workOrderReceiptUpdate(key, worker, BigInteger.ONE, new byte[] {9}, new byte[0], "")
                        .send())
                .isInstanceOf(TransactionException.class);
        contracts
                .receiptRegistry(organization)
                .workOrderReceiptUpdate(key, worker, BigInteger.ONE, new byte[] {9}, new byte[0], "")
                .send();

        var receipt = asStranger.workOrderReceiptRetrieve(key).send();
        assertThat(receipt.component5()).containsExactly(1, 2);
        assertThat(receipt.component6()).isEqualTo(BigInteger.ONE);
        var last = asStranger
                .workOrderReceiptUpdateRetrieve(key, new byte[32], BigInteger.valueOf(0xFFFFFFFFL))
                .send();
        assertThat(last.component3()).containsExactly(9);
        assertThat(last.component6()).isEqualTo(BigInteger.ONE);
        var found = asStranger
                .workOrderReceiptLookUp(new byte[32], worker, new byte[32], BigInteger.ONE)
                .send();
        assertThat(found.component3()).hasSize(1);
    }

    @Test
    void registryListEntriesBelongToTheirOrganization() throws Exception {
        WorkerRegistryList list = contracts.workerRegistryList(organization);
        byte[] scAddr = Bytes32.of("00".repeat(12) + contracts.workerRegistry().substring(2));
        list.registryAdd(ORG, "", scAddr, List.of(APP)).send();
        assertThatThrownBy(() -> contracts
                        .workerRegistryList(stranger)
                        .registrySetStatus(ORG, BigInteger.TWO)
                        .send())
                .isInstanceOf(TransactionException.class)
                .hasMessageContaining("not the registry's organization");
        var found = list.registryLookUp(APP).send();
        assertThat(found.component1()).isEqualTo(BigInteger.ONE);
        assertThat(found.component3()).hasSize(1);
        assertThat(list.registryRetrieve(ORG).send().component2()).isEqualTo(scAddr);
    }

    @Test
    void oracleValuesAreAcceptedOnlyFromAnActiveWorkersTcsAccount() throws Exception {
        byte[] worker = register("05");
        OracleResults asOrganization = OracleResults.deploy(
                        organization.web3j(),
                        organization.transactions(),
                        organization.gas(),
                        contracts.workerRegistry())
                .send();
        OracleResults asStranger = OracleResults.load(
                asOrganization.getContractAddress(), stranger.web3j(), stranger.transactions(), stranger.gas());
        byte[] feed = Bytes32.of("ab".repeat(32));
        byte[] order = Bytes32.of("c6".repeat(32));

        assertThatThrownBy(() -> asStranger.post(feed, worker, order, "42").send())
                .isInstanceOf(TransactionException.class)
                .hasMessageContaining("not the worker's TCS account");
        asOrganization.post(feed, worker, order, "42").send();
        var latest = asStranger.latestResult(worker, feed).send();
        assertThat(latest.component1()).isEqualTo(worker);
        assertThat(latest.component3()).isEqualTo("42");

        contracts
                .workerRegistry(organization)
                .workerSetStatus(worker, BigInteger.valueOf(4))
                .send();
        assertThatThrownBy(() -> asOrganization.post(feed, worker, order, "43").send())
                .isInstanceOf(TransactionException.class)
                .hasMessageContaining("worker not active");
    }

    @Test
    void anotherWorkersPostDoesNotChangeAWorkersValue() throws Exception {
        byte[] worker = register("06");
        byte[] other = Bytes32.of("e0".repeat(31) + "06");
        contracts
                .workerRegistry(stranger)
                .workerRegister(other, BigInteger.ONE, STRANGERS_ORG, List.of(APP), "{}")
                .send();
        OracleResults asOrganization = contracts.oracleResults(organization);
        OracleResults asStranger = contracts.oracleResults(stranger);
        byte[] feed = Bytes32.of("ac".repeat(32));

        asOrganization.post(feed, worker, Bytes32.of("c7".repeat(32)), "42").send();
        asStranger.post(feed, other, Bytes32.of("c8".repeat(32)), "1").send();

        var latest = asStranger.latestResult(worker, feed).send();
        assertThat(latest.component1()).isEqualTo(worker);
        assertThat(latest.component2()).isEqualTo(Bytes32.of("c7".repeat(32)));
        assertThat(latest.component3()).isEqualTo("42");
        assertThat(asStranger.latestResult(other, feed).send().component3()).isEqualTo("1");
    }

    @Test
    void anOrganizationIdBelongsToTheFirstAccountThatRegisteredAWorkerUnderIt() throws Exception {
        register("08");
        byte[] squatter = Bytes32.of("e0".repeat(31) + "08");
        assertThatThrownBy(() -> contracts
                        .workerRegistry(stranger)
                        .workerRegister(squatter, BigInteger.ONE, ORG, List.of(APP), "{}")
                        .send())
                .isInstanceOf(TransactionException.class)
                .hasMessageContaining("not the organization's account");
        assertThat(contracts.workerRegistry(stranger).organizationAccount(ORG).send())
                .isEqualToIgnoringCase(organization.address());
        assertThat(contracts
                        .workerRegistry(stranger)
                        .workerRetrieve(squatter)
                        .send()
                        .component1())
                .isZero();
    }

    @Test
    void aWorkerMarkedCompromisedCompletesNoMoreWorkOrders() throws Exception {
        byte[] worker = register("09");
        byte[] order = Bytes32.of("ca".repeat(32));
        contracts
                .workOrderRegistry(requester)
                .workOrderSubmit(order, worker, Bytes32.of("dd".repeat(32)), "{}")
                .send();
        byte[] key = ProxyContracts.workOrderKey(requester.address(), order);
        contracts
                .workerRegistry(organization)
                .workerSetStatus(worker, BigInteger.valueOf(4))
                .send();

        assertThatThrownBy(() -> contracts
                        .workOrderRegistry(organization)
                        .workOrderComplete(key, "{\"result\":1}")
                        .send())
                .isInstanceOf(TransactionException.class)
                .hasMessageContaining("worker compromised");
        assertThat(contracts
                        .workOrderRegistry(requester)
                        .workOrderGet(key)
                        .send()
                        .component1())
                .isEqualTo(BigInteger.ONE);
    }

    @Test
    void workerLookUpsPageUntilTheTagIsZero() throws Exception {
        byte[] app = Bytes32.of("b1".repeat(32));
        for (int i = 0; i < 60; i++) {
            contracts
                    .workerRegistry(organization)
                    .workerRegister(
                            Bytes32.of("d1".repeat(30) + String.format("%04x", i)),
                            BigInteger.ONE,
                            ORG,
                            List.of(app),
                            "{}")
                    .sendAsync();
        }
        var registry = contracts.workerRegistry(stranger);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofMinutes(1))
                .until(() -> registry.workerRetrieve(Bytes32.of("d1".repeat(30) + "003b"))
                                .send()
                                .component1()
                                .signum()
                        > 0);
        var first = registry.workerLookUp(BigInteger.ZERO, ORG, app).send();
        assertThat(first.component1()).isEqualTo(BigInteger.valueOf(50));
        assertThat(first.component3()).hasSize(50);
        assertThat(first.component2()).isPositive();
        var second = registry.workerLookUpNext(BigInteger.ZERO, ORG, app, first.component2())
                .send();
        assertThat(second.component3()).hasSize(10);
        assertThat(second.component2()).isZero();
    }

    private static byte[] register(String suffix) throws Exception {
        byte[] worker = Bytes32.of("f0".repeat(31) + suffix);
        contracts
                .workerRegistry(organization)
                .workerRegister(worker, BigInteger.ONE, ORG, List.of(APP), "{}")
                .send();
        return worker;
    }

    private void assertAStrangerCannotComplete(byte[] workOrderKey) {
        assertThatThrownBy(() -> contracts
                        .workOrderRegistry(stranger)
                        .workOrderComplete(workOrderKey, "{}")
                        .send())
                .isInstanceOf(TransactionException.class)
                .hasMessageContaining("not the worker's TCS account");
    }
}
