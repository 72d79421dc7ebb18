package io.camelot.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camelot.protocol.ReceiptStatus;
import io.camelot.protocol.crypto.AesGcm;
import io.camelot.protocol.crypto.PublicKeySign;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.envelope.DataKeyItem;
import io.camelot.protocol.envelope.Signatures;
import io.camelot.protocol.model.DataItem;
import io.camelot.protocol.model.ReceiptCreateParams;
import io.camelot.protocol.model.ReceiptLookUpParams;
import io.camelot.protocol.model.ReceiptUpdateRetrieveParams;
import io.camelot.protocol.model.ReceiptUpdateRetrieveResult;
import io.camelot.protocol.model.WorkOrderResult;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.protocol.model.WorkerLookUpParams;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequesterTest {
    private static final PublicKeySign REQUESTER_KEY = Secp256k1.generate();
    private static final WorkerLookUpParams SGX_WORKERS = new WorkerLookUpParams(1, null, null, null, null);

    private final FakeTcs tcs = new FakeTcs();
    private final Requester requester = Requester.builder(tcs)
            .requesterKey(REQUESTER_KEY)
            .allowSimulation()
            .pollBackoff(Duration.ofMillis(1), Duration.ofMillis(4))
            .submitRetry(4, Duration.ofMillis(1), Duration.ofMillis(4))
            .awaitTimeout(Duration.ofSeconds(5))
            .build();

    @Test
    void fullFlowDiscoversVerifiesSubmitsAndReadsVerifiedOutputs() {
        tcs.pendingPolls = 3;

        List<String> workers = requester.findWorkers(SGX_WORKERS);
        VerifiedWorker worker = requester.worker(workers.getFirst());
        SubmittedWorkOrder workOrder = requester
                .newWorkOrder(worker, "echo-result")
                .input("Hello")
                .input("World")
                .submit();
        WorkOrderOutcome outcome = workOrder.await();

        assertThat(workers).containsExactly(FakeTcs.WORKER_ID);
        assertThat(outcome.text(0)).isEqualTo("RESULT: Hello");
        assertThat(outcome.text(1)).isEqualTo("RESULT: World");
        assertThat(outcome.result().workOrderId()).isEqualTo(workOrder.workOrderId());
        assertThat(tcs.getResultCalls).isEqualTo(4);
    }

    @Test
    void awaitRidesThroughATransientlyUnreachableTcs() {
        tcs.unreachablePolls = 2;
        VerifiedWorker worker = requester.worker(FakeTcs.WORKER_ID);
        SubmittedWorkOrder workOrder =
                requester.newWorkOrder(worker, "echo-result").input("again").submit();

        assertThat(workOrder.await().text(0)).isEqualTo("RESULT: again");
        assertThat(tcs.getResultCalls).isEqualTo(3);
    }

    @Test
    void awaitReportsTheLastTransportFailureWhenTheTcsStaysUnreachable() {
        tcs.unreachablePolls = Integer.MAX_VALUE;
        VerifiedWorker worker = requester.worker(FakeTcs.WORKER_ID);
        SubmittedWorkOrder workOrder =
                requester.newWorkOrder(worker, "echo-result").input("x").submit();

        assertThatThrownBy(() -> workOrder.await(Duration.ofMillis(50)))
                .isInstanceOf(TcsTimeoutException.class)
                .hasMessageContaining("unreachable")
                .hasMessageContaining("Connection refused");
    }

    @Test
    void sendsIdsAndSignatureInAvalonsShapes() {
        SubmittedWorkOrder workOrder = submitHello();

        WorkOrderSubmitParams sent = tcs.requests.get(workOrder.workOrderId());
        assertThat(sent.workloadId()).isEqualTo("6563686f2d726573756c74");
        assertThat(sent.workOrderId()).matches("[0-9a-f]{64}");
        assertThat(sent.requesterId()).matches("[0-9a-f]{64}");
        assertThat(sent.requesterNonce()).matches("[0-9a-f]{32}");
        assertThat(sent.responseTimeoutMSecs()).isEqualTo(6000L);
        assertThat(sent.verifyingKey()).isEqualTo(REQUESTER_KEY.verifier().pem());
        assertThat(sent.requesterSignature()).isNotEmpty();
    }

    @Test
    void usesGivenIdsAndProtectsEachInputKind() {
        byte[] dataKey = AesGcm.newKey();
        DataKeyItem othersItem = DataKeyItem.seal(
                "secret".getBytes(StandardCharsets.UTF_8), dataKey, FakeTcs.ENCRYPTION_KEY.publicKey(), true);

        SubmittedWorkOrder workOrder = requester
                .newWorkOrder(worker(), "echo-result")
                .workOrderId("ab".repeat(32))
                .requesterId("cd".repeat(32))
                .notifyUri("http://requester.example/notify")
                .input("Hello")
                .plaintextInput("open".getBytes(StandardCharsets.UTF_8))
                .dataKeyInput(othersItem)
                .withDataHashes(true)
                .submit();
        WorkOrderOutcome outcome = workOrder.await();

        List<DataItem> inData = workOrder.request().inData();
        assertThat(workOrder.workOrderId()).isEqualTo("ab".repeat(32));
        assertThat(workOrder.request().requesterId()).isEqualTo("cd".repeat(32));
        assertThat(workOrder.request().notifyUri()).isEqualTo("http://requester.example/notify");
        assertThat(inData).extracting(DataItem::dataHash).doesNotContainNull();
        assertThat(inData.get(1).encryptedDataEncryptionKey()).isEqualTo(DataItem.PLAINTEXT_KEY);
        assertThat(tcs.opened.get(workOrder.workOrderId()).inputs().get(2).text())
                .isEqualTo("secret");
        assertThat(outcome.text(1)).isEqualTo("RESULT: open");
        assertThat(outcome.text(2)).isEqualTo("RESULT: secret");
    }

    @Test
    void outputUnderADataKeyIsLeftForItsOwner() {
        byte[] dataKey = AesGcm.newKey();

        SubmittedWorkOrder workOrder = requester
                .newWorkOrder(worker(), "echo-result")
                .input("Hello")
                .input("for the owner")
                .outputKey(1, FakeTcs.ENCRYPTION_KEY.publicKey().wrap(dataKey))
                .submit();
        WorkOrderOutcome outcome = workOrder.await();

        assertThat(outcome.outputs()).extracting(item -> item.index()).containsExactly(0);
        assertThat(new String(DataKeyItem.openOutput(outcome.result(), 1, dataKey), StandardCharsets.UTF_8))
                .isEqualTo("RESULT: for the owner");
    }

    @Test
    void syncModeResultNeedsNoPolling() {
        tcs.syncMode = true;

        WorkOrderOutcome outcome = submitHello().await();

        assertThat(outcome.text(0)).isEqualTo("RESULT: Hello");
        assertThat(tcs.getResultCalls).isZero();
    }

    @Test
    void aSubmitWhoseAnswerIsLostIsResentAsIsAndAcceptedAsTheSameRequest() {
        tcs.lostSubmitAnswers = 1;

        SubmittedWorkOrder workOrder =
                requester.newWorkOrder(worker(), "echo-result").input("once").submit();

        assertThat(workOrder.await().text(0)).isEqualTo("RESULT: once");
        assertThat(tcs.submitBodies).hasSize(2);
        assertThat(tcs.submitBodies.get(1)).isEqualTo(tcs.submitBodies.get(0));
        assertThat(tcs.requests).containsOnlyKeys(workOrder.workOrderId());
    }

    @Test
    void aResendThatFindsAnotherRequestUnderItsIdFails() {
        echoUnder("ab".repeat(32), "first").submit();
        tcs.unreachableSubmits = 1;

        assertThatThrownBy(() -> echoUnder("ab".repeat(32), "second").submit())
                .isInstanceOfSatisfying(TcsRpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(2);
                    assertThat(e.data().get("sameRequest").booleanValue()).isFalse();
                });
        assertThat(tcs.submitBodies).hasSize(3);
        assertThat(tcs.submitBodies.get(2)).isEqualTo(tcs.submitBodies.get(1));
    }

    @Test
    void aResendAnsweredDuplicateWithoutSayingItIsTheSameRequestFails() {
        tcs.lostSubmitAnswers = 1;
        tcs.duplicateData = data -> data.remove("sameRequest");

        assertThatThrownBy(() -> requester
                        .newWorkOrder(worker(), "echo-result")
                        .input("x")
                        .submit())
                .isInstanceOfSatisfying(
                        TcsRpcException.class, e -> assertThat(e.code()).isEqualTo(2));
    }

    @Test
    void aDuplicateOnTheFirstSendFailsEvenIfTheTcsCallsItTheSameRequest() {
        echoUnder("ab".repeat(32), "first").submit();
        tcs.duplicateData = data -> data.put("sameRequest", true);

        assertThatThrownBy(() -> echoUnder("ab".repeat(32), "second").submit())
                .isInstanceOfSatisfying(
                        TcsRpcException.class, e -> assertThat(e.code()).isEqualTo(2));
        assertThat(tcs.submitBodies).hasSize(2);
    }

    @Test
    void submitGivesUpAfterTheConfiguredSends() {
        tcs.unreachableSubmits = Integer.MAX_VALUE;

        assertThatThrownBy(() -> requester
                        .newWorkOrder(worker(), "echo-result")
                        .input("x")
                        .submit())
                .isInstanceOf(TcsTransportException.class)
                .hasMessageContaining("Connection refused");
        assertThat(tcs.submitBodies).hasSize(4);
        assertThat(tcs.requests).isEmpty();
    }

    @Test
    void refusesInactiveWorker() {
        tcs.status = 2;

        assertThatThrownBy(() -> requester.worker(FakeTcs.WORKER_ID))
                .isInstanceOf(WorkerVerificationException.class)
                .hasMessage("Worker " + FakeTcs.WORKER_ID + " is not active (status 2)");
    }

    @Test
    void refusesWorkerWithAnotherSigningAlgorithm() {
        tcs.signingAlgorithm = "SECP256R1";

        assertThatThrownBy(() -> requester.worker(FakeTcs.WORKER_ID))
                .isInstanceOf(WorkerVerificationException.class)
                .hasMessageContaining("signingAlgorithm SECP256R1, expected SECP256K1");
    }

    @Test
    void refusesEncryptionKeyNotSignedByTheWorker() {
        tcs.encryptionKeySignature = Signatures.encryptionKeySignature(
                Secp256k1.generate(), FakeTcs.ENCRYPTION_KEY.publicKey().pem());

        assertThatThrownBy(() -> requester.worker(FakeTcs.WORKER_ID))
                .isInstanceOf(WorkerVerificationException.class)
                .hasMessageContaining("encryptionKeySignature that does not verify");
    }

    @Test
    void encryptionKeySignatureCoversThePemTextAsServed() {
        tcs.encryptionKeyPem = rewrapPem(FakeTcs.ENCRYPTION_KEY.publicKey().pem(), 76);
        tcs.encryptionKeySignature = Signatures.encryptionKeySignature(FakeTcs.SIGNING_KEY, tcs.encryptionKeyPem);

        assertThat(requester.worker(FakeTcs.WORKER_ID).encryptionKey().pem())
                .isEqualTo(FakeTcs.ENCRYPTION_KEY.publicKey().pem());
    }

    @Test
    void refusesMissingEncryptionKeySignature() {
        tcs.encryptionKeySignature = null;

        assertThatThrownBy(() -> requester.worker(FakeTcs.WORKER_ID)).isInstanceOf(WorkerVerificationException.class);
    }

    @Test
    void codeOutsideTheSdkCannotMakeAVerifiedWorker() {
        // Holding one must prove the checks ran: no public constructor, as a record would have.
        assertThat(VerifiedWorker.class.getConstructors()).isEmpty();
    }

    @Test
    void byDefaultASimulatedWorkerIsRefused() {
        Requester strict = Requester.builder(tcs).build();

        assertThatThrownBy(() -> strict.worker(FakeTcs.WORKER_ID))
                .isInstanceOf(WorkerVerificationException.class)
                .hasMessageContaining("SIMULATION_NOT_ALLOWED");
    }

    @Test
    void attestationCheckSeesTheRecordAndCanVeto() {
        tcs.proofData = "{\"verification_report\":\"...\"}";
        List<String> seenProofs = new ArrayList<>();
        Requester vetoing = Requester.builder(tcs)
                .attestationCheck((workerId, record) -> {
                    seenProofs.add(
                            workerId + " " + record.details().workerTypeData().proofData());
                    throw new WorkerVerificationException("quote is out of date");
                })
                .build();

        assertThatThrownBy(() -> vetoing.worker(FakeTcs.WORKER_ID))
                .isInstanceOf(WorkerVerificationException.class)
                .hasMessage("quote is out of date");
        assertThat(seenProofs).containsExactly(FakeTcs.WORKER_ID + " " + tcs.proofData);
    }

    @Test
    void attestationCheckFailingOtherwiseStillRefusesTheWorker() {
        Requester broken = Requester.builder(tcs)
                .attestationCheck((workerId, record) -> {
                    throw new IllegalStateException("no collateral");
                })
                .build();

        assertThatThrownBy(() -> broken.worker(FakeTcs.WORKER_ID))
                .isInstanceOf(WorkerVerificationException.class)
                .hasMessageContaining("no collateral");
    }

    @Test
    void tamperedResultIsRefused() {
        tcs.tamper = result -> new WorkOrderResult(
                result.workOrderId(),
                result.workloadId(),
                result.workerId(),
                result.requesterId(),
                "another nonce",
                result.workerSignature(),
                result.outData(),
                null,
                null,
                null,
                null);
        SubmittedWorkOrder workOrder = submitHello();

        assertThatThrownBy(workOrder::await)
                .isInstanceOf(ResultVerificationException.class)
                .hasMessageContaining("workerSignature does not verify");
    }

    @Test
    void poolResultVouchedForByTheWorkerKeyIsAccepted() {
        tcs.pool = true;

        WorkOrderOutcome outcome = submitHello().await();

        assertThat(outcome.result().extVerificationKey()).isNotNull();
        assertThat(outcome.text(0)).isEqualTo("RESULT: Hello");
    }

    @Test
    void poolResultVouchedForByAnotherKeyIsRefused() {
        tcs.pool = true;
        tcs.poolVouchingKey = Secp256k1.generate();
        SubmittedWorkOrder workOrder = submitHello();

        assertThatThrownBy(workOrder::await)
                .isInstanceOf(ResultVerificationException.class)
                .hasMessageContaining("extVerificationKeySignature");
    }

    @Test
    void awaitTimesOutWhileTheResultStaysPending() {
        tcs.pendingPolls = Integer.MAX_VALUE;
        SubmittedWorkOrder workOrder = submitHello();

        assertThatThrownBy(() -> workOrder.await(Duration.ofMillis(100)))
                .isInstanceOf(TcsTimeoutException.class)
                .hasMessageContaining(workOrder.workOrderId());
        assertThat(tcs.getResultCalls).isGreaterThan(1);
    }

    @Test
    void failedWorkOrderSurfacesTheServerError() {
        tcs.failureCode = 9;
        SubmittedWorkOrder workOrder = submitHello();

        assertThatThrownBy(workOrder::await)
                .isInstanceOfSatisfying(
                        TcsRpcException.class, e -> assertThat(e.code()).isEqualTo(9));
    }

    @Test
    void workOrderNeedsAnInput() {
        WorkOrderBuilder empty = requester.newWorkOrder(worker(), "echo-result");

        assertThatThrownBy(empty::submit).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void createdReceiptIsSignedOverTheSentRequest() {
        SubmittedWorkOrder workOrder = submitHello();

        ReceiptCreateParams sent = requester.createReceipt(workOrder);

        assertThat(tcs.receipts).containsEntry(workOrder.workOrderId(), sent);
        assertThat(sent.workerServiceId()).isEqualTo(FakeTcs.WORKER_ID);
        assertThat(sent.receiptCreateStatus()).isZero();
        assertThat(sent.requesterGeneratedNonce()).matches("[0-9]+");
        assertThat(requester.retrieveReceipt(workOrder.workOrderId()).receiptCurrentStatus())
                .isZero();
    }

    @Test
    void receiptsNeedTheRequesterKey() {
        Requester anonymous = Requester.builder(tcs).allowSimulation().build();
        SubmittedWorkOrder workOrder =
                anonymous.newWorkOrder(worker(), "echo-result").input("Hello").submit();

        assertThat(workOrder.request().requesterSignature()).isEmpty();
        assertThatThrownBy(() -> anonymous.createReceipt(workOrder)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void requesterUpdatesAreSignedAndRetrievable() {
        String workOrderId = submittedWithReceipt();

        requester.updateReceipt(workOrderId, ReceiptStatus.COMPLETED, "paid");
        ReceiptUpdateRetrieveResult latest =
                requester.receiptUpdate(workOrderId, ReceiptUpdateRetrieveParams.LAST_UPDATE);

        assertThat(latest.updateType()).isEqualTo(1L);
        assertThat(latest.updaterId()).matches("[0-9a-f]{64}");
        assertThat(requester.retrieveReceipt(workOrderId).receiptCurrentStatus())
                .isEqualTo(1L);
        assertThat(requester.verifyReceiptUpdate(latest, worker())).isFalse();
    }

    @Test
    void workerSignedUpdateVerifiesAndATamperedOneDoesNot() {
        ReceiptUpdateRetrieveResult update = workerSignedUpdate();

        ReceiptUpdateRetrieveResult tampered = withDataAndKey(update, "AB02", update.receiptVerificationKey());

        assertThat(requester.verifyReceiptUpdate(update, worker())).isTrue();
        assertThat(requester.verifyReceiptUpdate(tampered, worker())).isFalse();
    }

    @Test
    void workerUpdateVerifiesWhateverThePemLineWidth() {
        ReceiptUpdateRetrieveResult update = workerSignedUpdate();
        String rewrapped = rewrapPem(update.receiptVerificationKey(), 76);

        ReceiptUpdateRetrieveResult withPythonPem = withDataAndKey(update, update.updateData(), rewrapped);

        assertThat(rewrapped).isNotEqualTo(update.receiptVerificationKey());
        assertThat(requester.verifyReceiptUpdate(withPythonPem, worker())).isTrue();
    }

    @Test
    void findWorkersFollowsPages() {
        tcs.workerDirectory = List.of("a1", "b2", "c3", "d4", "e5");

        assertThat(requester.findWorkers(SGX_WORKERS)).containsExactly("a1", "b2", "c3", "d4", "e5");
        assertThat(tcs.workerLookUpTags).containsExactly("b2", "d4", "e5");
    }

    @Test
    void findWorkersStopsWhenTheTagRepeats() {
        tcs.workerDirectory = List.of("a1", "b2", "c3");
        tcs.repeatingPages = true;

        assertThat(requester.findWorkers(SGX_WORKERS)).containsExactly("a1", "b2");
        assertThat(tcs.workerLookUpTags).containsExactly("b2");
    }

    @Test
    void lookUpReceiptsFollowsPages() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(submittedWithReceipt());
        }

        assertThat(requester.lookUpReceipts(new ReceiptLookUpParams(null, FakeTcs.WORKER_ID, null, null, null, null)))
                .containsExactlyInAnyOrderElementsOf(ids);
    }

    private VerifiedWorker worker() {
        return requester.worker(FakeTcs.WORKER_ID);
    }

    /** The echo workload's work order for "Hello", submitted by {@link #requester}. */
    private SubmittedWorkOrder submitHello() {
        return requester.newWorkOrder(worker(), "echo-result").input("Hello").submit();
    }

    /** A PROCESSED update, data AB01, signed by the worker, of a fresh receipt. */
    private ReceiptUpdateRetrieveResult workerSignedUpdate() {
        String workOrderId = submittedWithReceipt();
        tcs.addWorkerSignedUpdate(workOrderId, ReceiptStatus.PROCESSED.code(), "AB01");
        return requester.receiptUpdate(workOrderId, 1);
    }

    /** {@code update} with its signature as it was, over other data or under another key text. */
    private static ReceiptUpdateRetrieveResult withDataAndKey(
            ReceiptUpdateRetrieveResult update, String updateData, String receiptVerificationKey) {
        return new ReceiptUpdateRetrieveResult(
                update.workOrderId(),
                update.updaterId(),
                update.updateType(),
                updateData,
                update.updateSignature(),
                update.signatureRules(),
                receiptVerificationKey,
                update.updateCount());
    }

    private WorkOrderBuilder echoUnder(String workOrderId, String input) {
        return requester
                .newWorkOrder(worker(), "echo-result")
                .workOrderId(workOrderId)
                .input(input);
    }

    private String submittedWithReceipt() {
        SubmittedWorkOrder workOrder = submitHello();
        requester.createReceipt(workOrder);
        return workOrder.workOrderId();
    }

    private static String rewrapPem(String pem, int width) {
        String body = pem.replace("-----BEGIN PUBLIC KEY-----", "")
                .replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        StringBuilder out = new StringBuilder("-----BEGIN PUBLIC KEY-----\n");
        for (int i = 0; i < body.length(); i += width) {
            out.append(body, i, Math.min(i + width, body.length())).append('\n');
        }
        return out.append("-----END PUBLIC KEY-----\n").toString();
    }
}
