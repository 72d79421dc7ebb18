package io.camelot.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.ReceiptStatus;
import io.camelot.protocol.crypto.AesGcm;
import io.camelot.protocol.crypto.CryptoProviders;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.crypto.X25519Hkdf;
import io.camelot.protocol.envelope.DataKeyItem;
import io.camelot.protocol.envelope.PlainItem;
import io.camelot.protocol.model.ReceiptLookUpParams;
import io.camelot.protocol.model.ReceiptUpdateParams;
import io.camelot.protocol.model.ReceiptUpdateRetrieveParams;
import io.camelot.protocol.model.ReceiptUpdateRetrieveResult;
import io.camelot.protocol.model.WorkerLookUpParams;
import io.camelot.sdk.Requester;
import io.camelot.sdk.SubmittedWorkOrder;
import io.camelot.sdk.TcsRpcException;
import io.camelot.sdk.VerifiedWorker;
import io.camelot.sdk.WorkOrderOutcome;
import io.camelot.server.config.CryptoSection;
import io.camelot.server.config.TomlChoice;
import io.camelot.server.config.WorkerSection;
import io.camelot.worker.WorkerConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A whole TCS on loopback, used only through the SDK over real HTTP, as a requester would. */
class EndToEndTest {
    @TempDir
    Path dataDir;

    @RegisterExtension
    final TcsNodeExtension tcs = new TcsNodeExtension();

    TcsNode start(boolean syncMode) {
        return start(syncMode, CryptoSection.defaults());
    }

    TcsNode start(boolean syncMode, CryptoSection crypto) {
        return start(syncMode, crypto, List.of("RSA-OAEP-3072"));
    }

    TcsNode start(boolean syncMode, CryptoSection crypto, List<String> keyEncryption) {
        return start(syncMode, crypto, keyEncryption, List.of());
    }

    TcsNode start(boolean syncMode, CryptoSection crypto, List<String> keyEncryption, List<String> notifyHosts) {
        return tcs.start(TestConfigs.loopback(dataDir)
                .syncMode(syncMode)
                .notifyHosts(notifyHosts)
                .workerConcurrency(2)
                .keyEncryption(keyEncryption.stream()
                        .map(name -> TomlChoice.parse(WorkerSection.KeyEncryption.class, name))
                        .toList())
                .crypto(crypto)
                .build());
    }

    @AfterEach
    void resetCryptoProvider() {
        CryptoProviders.use(CryptoProviders.JCA);
    }

    VerifiedWorker singleton(Requester requester) {
        List<String> ids = requester.findWorkers(new WorkerLookUpParams(1, null, null, null, null));
        assertThat(ids).containsExactly(WorkerConfig.idOf(WorkerConfig.DEFAULT_NAME));
        return requester.worker(ids.getFirst());
    }

    @Test
    void echoHeartDiseaseAndWalletThroughTheSdk() {
        start(false);
        Requester requester = tcs.signingRequester();
        VerifiedWorker worker = singleton(requester);

        WorkOrderOutcome echo = WorkOrders.run(requester, worker, "echo-result", "Hello");
        assertThat(echo.text(0)).isEqualTo("RESULT: Hello");

        WorkOrderOutcome heart =
                WorkOrders.run(requester, worker, "heart-disease-eval", "Data: 25 10 1 67 102 125 1 95 5 10 1 11 36 1");
        assertThat(heart.text(0)).isEqualTo("You have a 47% risk of heart disease");

        WorkOrders.run(requester, worker, "simple-wallet", "deposit bob 70");
        WorkOrderOutcome wallet = WorkOrders.run(requester, worker, "simple-wallet", "withdraw bob 20");
        assertThat(wallet.text(0)).isEqualTo("WALLET RESULT: bob::50");
    }

    @Test
    void twoPartiesShareAWorkOrderAndEachReadsOnlyItsOwnResult() {
        start(false);
        Requester requester = tcs.signingRequester();
        VerifiedWorker worker = singleton(requester);
        // Party B encrypts its input under its own data key and hands A only ciphertext.
        byte[] partyBKey = AesGcm.newKey();
        DataKeyItem fromB = DataKeyItem.seal(
                "B's secret".getBytes(StandardCharsets.UTF_8), partyBKey, worker.encryptionKey(), true);

        WorkOrderOutcome outcome = requester
                .newWorkOrder(worker, "echo-result")
                .input("A's input")
                .dataKeyInput(fromB)
                .outputKey(1, worker.encryptionKey().wrap(partyBKey))
                .submit()
                .await();

        assertThat(outcome.outputs()).extracting(PlainItem::text).containsExactly("RESULT: A's input");
        assertThat(new String(DataKeyItem.openOutput(outcome.result(), 1, partyBKey), StandardCharsets.UTF_8))
                .isEqualTo("RESULT: B's secret");
    }

    @Test
    void nativeCryptoProviderServesTheSameProtocol() {
        start(false, new CryptoSection(CryptoSection.Provider.ACCP));
        assertThat(CryptoProviders.current()).isEqualTo(CryptoProviders.ACCP);
        Requester requester = tcs.signingRequester();
        VerifiedWorker worker = singleton(requester);

        WorkOrderOutcome echo = WorkOrders.run(requester, worker, "echo-result", "Hello");

        assertThat(echo.text(0)).isEqualTo("RESULT: Hello");
    }

    @Test
    void aWorkerOfferingX25519ServesNewAndAvalonStyleClients() {
        start(false, new CryptoSection(CryptoSection.Provider.ACCP), List.of("RSA-OAEP-3072", X25519Hkdf.ALGORITHM));
        Requester fastest = tcs.signingRequester();
        Requester avalonStyle = Requester.builder(tcs.client())
                .requesterKey(Secp256k1.generate())
                .allowSimulation()
                .forceRsaOaep(true)
                .build();
        VerifiedWorker offeringBoth = singleton(fastest);
        VerifiedWorker seenAsRsa = singleton(avalonStyle);

        assertThat(offeringBoth.record().details().keyEncryptionAlgorithm())
                .isEqualTo("RSA-OAEP-3072," + X25519Hkdf.ALGORITHM);
        assertThat(offeringBoth.sessionKeyWrap().algorithm()).isEqualTo(X25519Hkdf.ALGORITHM);
        assertThat(seenAsRsa.sessionKeyWrap().algorithm()).isEqualTo("RSA-OAEP-3072");
        assertThat(WorkOrders.run(fastest, offeringBoth, "echo-result", "new").text(0))
                .isEqualTo("RESULT: new");
        assertThat(WorkOrders.run(avalonStyle, seenAsRsa, "echo-result", "old").text(0))
                .isEqualTo("RESULT: old");
    }

    @Test
    void keyEncryptionWithoutRsaStopsStartUp() {
        assertThatThrownBy(() -> start(false, CryptoSection.defaults(), List.of(X25519Hkdf.ALGORITHM)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must list \"RSA-OAEP-3072\"");
    }

    @Test
    void unknownCryptoProviderStopsStartUp() {
        // The provider is a closed choice: no configuration can name an unknown one.
        assertThatThrownBy(() -> CryptoSection.Provider.of("fast"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not \"fast\"");
    }

    @Test
    void syncModeAnswersTheSubmitWithTheResult() {
        start(true);
        Requester requester = tcs.signingRequester();
        VerifiedWorker worker = singleton(requester);
        assertThat(WorkOrders.run(requester, worker, "echo-result", "now").text(0))
                .isEqualTo("RESULT: now");
    }

    @Test
    void unknownWorkloadIsReportedWithCodeNine() {
        start(false);
        Requester requester = tcs.signingRequester();
        VerifiedWorker worker = singleton(requester);
        SubmittedWorkOrder submitted =
                requester.newWorkOrder(worker, "no-such").input("x").submit();
        WorkOrders.assertRpcError(submitted::await, 9, "Workload cannot be processed by this worker");
    }

    @Test
    void notifyUriReceivesTheCompletedResult() {
        start(false, CryptoSection.defaults(), List.of("RSA-OAEP-3072"), List.of("127.0.0.1!private"));
        Map<String, JsonNode> notices = new ConcurrentHashMap<>();
        Vertx vertx = Vertx.vertx();
        try {
            HttpServer receiver = vertx.createHttpServer()
                    .requestHandler(request -> request.body().onSuccess(body -> {
                        JsonNode notice = ProtocolJson.parse(body.getBytes());
                        notices.put(notice.get("workOrderId").asText(), notice);
                        request.response().setStatusCode(204).end();
                    }))
                    .listen(0, "127.0.0.1")
                    .await();
            Requester requester = tcs.signingRequester();
            VerifiedWorker worker = singleton(requester);
            SubmittedWorkOrder submitted = requester
                    .newWorkOrder(worker, "echo-result")
                    .input("tell me")
                    .notifyUri("http://127.0.0.1:" + receiver.actualPort() + "/done")
                    .submit();

            await().until(() -> notices.containsKey(submitted.workOrderId()));
            JsonNode notice = notices.get(submitted.workOrderId());
            assertThat(notice.get("result").get("workOrderId").asText()).isEqualTo(submitted.workOrderId());
            assertThat(notice.get("result").get("workerSignature").asText()).isNotEmpty();
        } finally {
            vertx.close().await();
        }
    }

    @Test
    void aReceiptFollowsTheWorkOrderEndToEnd() {
        start(false);
        Requester requester = tcs.signingRequester();
        VerifiedWorker worker = singleton(requester);
        SubmittedWorkOrder submitted =
                requester.newWorkOrder(worker, "echo-result").input("r").submit();
        requester.createReceipt(submitted);
        submitted.await();

        await().until(() -> requester.retrieveReceipt(submitted.workOrderId()).receiptCurrentStatus()
                == ReceiptStatus.PROCESSED.code());
        ReceiptUpdateRetrieveResult processed =
                requester.receiptUpdate(submitted.workOrderId(), ReceiptUpdateRetrieveParams.LAST_UPDATE);
        assertThat(processed.updateType()).isEqualTo(ReceiptStatus.PROCESSED.code());
        assertThat(requester.verifyReceiptUpdate(processed, worker)).isTrue();

        // Another requester signs with its own key, which is neither the worker's nor the creator's.
        assertThatThrownBy(() -> tcs.signingRequester()
                        .updateReceipt(submitted.workOrderId(), ReceiptStatus.COMPLETED, processed.updateData()))
                .isInstanceOfSatisfying(TcsRpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(2);
                    assertThat(e.serverMessage())
                            .isEqualTo(
                                    "Receipt update signature does not verify under the worker's key or the receipt creator's key");
                });
        ReceiptUpdateParams completed =
                requester.updateReceipt(submitted.workOrderId(), ReceiptStatus.COMPLETED, processed.updateData());
        assertThat(completed.updateType()).isEqualTo(ReceiptStatus.COMPLETED.code());
        assertThat(requester.retrieveReceipt(submitted.workOrderId()).receiptCurrentStatus())
                .isEqualTo(ReceiptStatus.COMPLETED.code());
        assertThat(requester.receiptUpdate(submitted.workOrderId(), 1).updateCount())
                .isEqualTo(2);
        assertThat(requester.lookUpReceipts(new ReceiptLookUpParams(null, worker.workerId(), null, null, null, null)))
                .contains(submitted.workOrderId());
    }
}
