package io.camelot.worker;

import static io.camelot.protocol.WireEdits.edited;
import static org.assertj.core.api.Assertions.assertThat;

import io.camelot.attestation.CodeMeasurement;
import io.camelot.attestation.ProofDataVerifier;
import io.camelot.attestation.ReportDataBinding;
import io.camelot.attestation.SimulatedTee;
import io.camelot.attestation.TeeEvidence;
import io.camelot.attestation.TeeKind;
import io.camelot.attestation.Verdict;
import io.camelot.attestation.VerificationContext;
import io.camelot.protocol.EnvelopeVersion;
import io.camelot.protocol.Hex;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.ReceiptStatus;
import io.camelot.protocol.crypto.PublicKeySign;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.envelope.PlainItem;
import io.camelot.protocol.envelope.RequestSealer;
import io.camelot.protocol.envelope.RequestSecrets;
import io.camelot.protocol.envelope.ResponseOpener;
import io.camelot.protocol.envelope.Signatures;
import io.camelot.protocol.hash.Sha256;
import io.camelot.protocol.hash.WorkOrderHashes;
import io.camelot.protocol.internal.crypto.LegacyFixedIvGcm;
import io.camelot.protocol.model.DataItem;
import io.camelot.protocol.model.ReceiptUpdateParams;
import io.camelot.protocol.model.WorkOrderResponse;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.scheduler.PersistentWorkOrderQueue;
import io.camelot.scheduler.QueueSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The worker behind a real queue and store, fed work orders sealed as a requester seals them. */
class SingletonWorkerTest extends QueuedWorkerTest {
    private static final Instant ATTESTED_AT = Instant.parse("2026-01-01T00:00:00Z");
    static WorkerKeys keys;

    @BeforeAll
    static void generateKeys() {
        keys = WorkerKeys.generate();
    }

    @BeforeEach
    void start() {
        start(
                tcsStore -> new SingletonWorker(
                        WorkerConfig.defaults(),
                        keys,
                        simulatedTee(dir),
                        Workloads.load(),
                        tcsStore,
                        Clock.systemUTC()),
                4);
    }

    RequestSecrets seal(String workload, String... inputs) {
        return seal(worker.workerId(), EnvelopeVersion.AVALON_1, null, workload, inputs);
    }

    /**
     * @param requesterKey signs the request, or null for an unsigned one
     */
    RequestSecrets seal(
            String workerId, EnvelopeVersion envelope, PublicKeySign requesterKey, String workload, String... inputs) {
        return RequestSealer.seal(
                template(workerId, workload, inputs).withEnvelope(envelope),
                keys.encryption().publicKey(),
                requesterKey);
    }

    @Test
    void theWorkerIdIsTheSha256OfItsNameAndItsRecordIsValid() {
        assertThat(worker.workerId()).isEqualTo("0b03616a46ea9cf574f3f8eedc93a62c691a60dbd3783427c0243bacfe5bba94");
        var typeData = worker.record().details().workerTypeData();
        assertThat(worker.record().status()).isEqualTo(1);
        // Avalon's simulation-mode record: Avalon clients skip attestation only for an empty proofData.
        assertThat(typeData.proofData()).isEmpty();
        assertThat(typeData.proofDataType()).isEqualTo("TEE-SIMULATED");
        // Camelot's own fields tell requesters which worker this is and what it runs.
        assertThat(typeData.name()).isEqualTo(WorkerConfig.DEFAULT_NAME);
        assertThat(typeData.workloads())
                .containsExactlyElementsOf(Workloads.load().names())
                .contains("echo-result", "simple-wallet");
        assertThat(Signatures.verifyEncryptionKeySignature(
                        keys.signing().verifier(), typeData.encryptionKey(), typeData.encryptionKeySignature()))
                .isTrue();
        assertThat(store.worker(worker.workerId())).isPresent();
    }

    @Test
    void echoResultIsSignedAndDecryptsForTheRequester() throws Exception {
        RequestSecrets secrets = seal("echo-result", "Hello", "World");
        WorkOrderResponse response = run(secrets.request());

        assertThat(response.failed()).isFalse();
        List<PlainItem> outputs =
                ResponseOpener.open(response.result(), secrets, keys.signing().verifier());
        assertThat(outputs).extracting(PlainItem::text).containsExactly("RESULT: Hello", "RESULT: World");
    }

    @Test
    void anUnknownWorkloadFailsWithCodeNine() throws Exception {
        WorkOrderResponse response = run(seal("no-such-workload", "x").request());
        assertThat(response.error().code()).isEqualTo(9);
        assertThat(response.error().message())
                .startsWith(
                        "Workload cannot be processed by this worker: it has no workload \"no-such-workload\"; it runs ")
                .contains("echo-result");
        assertThat(response.error().data().get("workOrderId").asText()).isNotEmpty();
    }

    @Test
    void aTamperedRequestFailsWithCodeTwo() throws Exception {
        WorkOrderSubmitParams sent = seal("echo-result", "x").request();
        String hash = sent.encryptedRequestHash();
        String flipped = (hash.charAt(0) == '0' ? "1" : "0") + hash.substring(1);
        WorkOrderResponse response = run(sent.withEncryptedRequestHash(flipped));
        assertThat(response.error().code()).isEqualTo(2);
        assertThat(response.error().message())
                .isEqualTo("Decryption of client request hash failed. Request is tampered.");
    }

    /**
     * A worker that requires requester signatures stores code 3 for an unsigned work order and runs a
     * signed one. A signature stripped in transit is refused too: the hardened form's hash covers
     * verifyingKey (code 2, from the opener), Avalon's does not (L10), so there the request turns
     * unsigned (code 3).
     */
    @ParameterizedTest
    @EnumSource(EnvelopeVersion.class)
    void aWorkerRequiringSignaturesRefusesUnsignedAndStrippedWorkOrders(EnvelopeVersion envelope) throws Exception {
        WorkerConfig defaults = WorkerConfig.defaults();
        SingletonWorker strict = new SingletonWorker(
                new WorkerConfig("strict-worker", defaults.organizationId(), defaults.applicationTypeId(), 2, true),
                keys,
                simulatedTee(dir),
                Workloads.load(),
                store,
                Clock.systemUTC());
        strict.register();
        queue.attach(strict.workerId(), strict, 2);
        PublicKeySign requesterKey = Secp256k1.generate();

        WorkOrderResponse unsigned = run(
                seal(strict.workerId(), envelope, null, "echo-result", "Hello").request());
        assertThat(unsigned.error().code()).isEqualTo(3);
        assertThat(unsigned.error().message()).isEqualTo(SingletonWorker.REQUIRES_SIGNATURE);

        WorkOrderResponse stripped = run(seal(strict.workerId(), envelope, requesterKey, "echo-result", "Hello")
                .request()
                .withRequesterSignature(null, null));
        if (envelope == EnvelopeVersion.CAMELOT_2) {
            assertThat(stripped.error().code()).isEqualTo(2);
            assertThat(stripped.error().message())
                    .isEqualTo("Decryption of client request hash failed. Request is tampered.");
        } else {
            assertThat(stripped.error().code()).isEqualTo(3);
            assertThat(stripped.error().message()).isEqualTo(SingletonWorker.REQUIRES_SIGNATURE);
        }

        RequestSecrets signed = seal(strict.workerId(), envelope, requesterKey, "echo-result", "Hello");
        WorkOrderResponse served = run(signed.request());
        assertThat(ResponseOpener.open(served.result(), signed, keys.signing().verifier()))
                .extracting(PlainItem::text)
                .containsExactly("RESULT: Hello");
    }

    /** Re-seals the request hash after a change, as a requester who made that change would. */
    static WorkOrderSubmitParams rehash(RequestSecrets secrets, WorkOrderSubmitParams changed) {
        byte[] hash = WorkOrderHashes.requestHash(changed);
        return changed.withEncryptedRequestHash(
                Hex.upper(LegacyFixedIvGcm.of(secrets.sessionKey()).encryptWithCallerIv(secrets.sessionIv(), hash)));
    }

    static WorkOrderSubmitParams withInData(WorkOrderSubmitParams p, DataItem item) {
        return edited(p, json -> json.set("inData", ProtocolJson.toTree(List.of(item))));
    }

    /**
     * Every worker-side failure of reference §5.3 that a request can cause, with its code and
     * message.
     */
    @Test
    void workerSideFailuresCarryAvalonsCodesAndMessages() throws Exception {
        String helloHash = Hex.upper(Sha256.digest("Hello".getBytes(StandardCharsets.UTF_8)));
        PublicKeySign impostor = Secp256k1.generate();
        Map<String, Map.Entry<Integer, Function<RequestSecrets, WorkOrderSubmitParams>>> cases = new LinkedHashMap<>();
        cases.put(
                "input data hash verification failed",
                Map.entry(
                        2,
                        s -> rehash(
                                s,
                                withInData(
                                        s.request(),
                                        new DataItem(
                                                0,
                                                "AB" + helloHash.substring(2),
                                                s.request().inData().getFirst().data(),
                                                null,
                                                null)))));
        cases.put(
                "Invalid case: input data is empty but dataHash is non empty",
                Map.entry(2, s -> rehash(s, withInData(s.request(), new DataItem(0, helloHash, "", null, null)))));
        cases.put(
                "AES_GCM authentication failed, plaintext is not trustworthy",
                Map.entry(
                        1,
                        s -> rehash(
                                s,
                                withInData(
                                        s.request(),
                                        new DataItem(
                                                0,
                                                null,
                                                flipFirstByte(s.request()
                                                        .inData()
                                                        .getFirst()
                                                        .data()),
                                                null,
                                                null)))));
        cases.put(
                "Crypto Error (DecryptMessage): RSA ciphertext size is invalid",
                Map.entry(
                        2,
                        s -> edited(
                                s.request(),
                                json -> json.put(
                                        "encryptedSessionKey",
                                        s.request().encryptedSessionKey().substring(2)))));
        cases.put(
                "Signature verification of client request failed. Request is tampered.",
                Map.entry(
                        2,
                        s -> s.request()
                                .withRequesterSignature(
                                        Base64.getEncoder()
                                                .encodeToString(
                                                        impostor.signDigest(WorkOrderHashes.requestHash(s.request()))),
                                        keys.signing().verifier().pem())));

        for (var entry : cases.entrySet()) {
            WorkOrderResponse response = run(entry.getValue().getValue().apply(seal("echo-result", "Hello")));
            assertThat(response.error()).as(entry.getKey()).isNotNull();
            assertThat(response.error().message()).isEqualTo(entry.getKey());
            assertThat(response.error().code())
                    .as(entry.getKey())
                    .isEqualTo(entry.getValue().getKey());
        }
    }

    static String flipFirstByte(String base64) {
        byte[] data = Base64.getDecoder().decode(base64);
        data[0] ^= 1;
        return Base64.getEncoder().encodeToString(data);
    }

    @Test
    void concurrentWalletDepositsLoseNoUpdate() throws Exception {
        List<WorkOrderSubmitParams> deposits = IntStream.range(0, 60)
                .mapToObj(i -> seal("simple-wallet", "deposit alice 5").request())
                .toList();
        deposits.forEach(this::submit);
        for (WorkOrderSubmitParams deposit : deposits) {
            queue.completion(deposit.workOrderId()).get(30, TimeUnit.SECONDS);
        }
        RequestSecrets withdraw = seal("simple-wallet", "withdraw alice 1");
        WorkOrderResponse response = run(withdraw.request());
        assertThat(ResponseOpener.open(
                        response.result(), withdraw, keys.signing().verifier()))
                .extracting(PlainItem::text)
                .containsExactly("WALLET RESULT: alice::299");
    }

    @Test
    void aReceiptGetsTheWorkerSignedProcessedUpdateOnCompletion() throws Exception {
        // Queue the work order with no worker attached, so the receipt exists before it runs.
        queue.close();
        queue = new PersistentWorkOrderQueue(store, QueueSettings.defaults(), Clock.systemUTC());
        RequestSecrets secrets = seal("echo-result", "receipt me");
        WorkOrderSubmitParams params = secrets.request();
        submit(params);
        assertThat(store.createReceipt(params.workOrderId(), "{}".getBytes(StandardCharsets.UTF_8)))
                .isTrue();
        queue.attach(worker.workerId(), worker, 1);
        byte[] stored = queue.completion(params.workOrderId()).get(20, TimeUnit.SECONDS);

        assertThat(new String(stored, StandardCharsets.UTF_8)).contains("\"result\"");
        List<byte[]> updates = store.receiptUpdates(params.workOrderId());
        assertThat(updates).hasSize(1);
        ReceiptUpdateParams update = ProtocolJson.mapper().readValue(updates.getFirst(), ReceiptUpdateParams.class);
        assertThat(update.updateType()).isEqualTo(ReceiptStatus.PROCESSED.code());
        assertThat(update.updaterId()).isEqualTo(worker.workerId());
        assertThat(update.updateData()).isEqualTo(Hex.upper(Sha256.digest(stored)));
        assertThat(Signatures.verifyReceiptUpdate(
                        keys.signing().verifier(),
                        params.workOrderId(),
                        update.updateType(),
                        update.updateData(),
                        update.updateSignature()))
                .isTrue();
    }

    @Test
    void aReceiptCreatedAfterCompletionStillGetsTheWorkerSignedUpdateOnce() throws Exception {
        RequestSecrets secrets = seal("no-such-workload", "late");
        WorkOrderResponse response = run(secrets.request());
        String id = secrets.request().workOrderId();
        assertThat(store.createReceipt(id, "{}".getBytes(StandardCharsets.UTF_8)))
                .isTrue();

        queue.receiptCreated(id);
        queue.receiptCreated(id);

        List<byte[]> updates = store.receiptUpdates(id);
        assertThat(updates).hasSize(1);
        ReceiptUpdateParams update = ProtocolJson.mapper().readValue(updates.getFirst(), ReceiptUpdateParams.class);
        assertThat(response.failed()).isTrue();
        assertThat(update.updateType()).isEqualTo(ReceiptStatus.FAILED.code());
        assertThat(Signatures.verifyReceiptUpdate(
                        keys.signing().verifier(),
                        id,
                        update.updateType(),
                        update.updateData(),
                        update.updateSignature()))
                .isTrue();
    }

    @Test
    void sealedKeysSurviveARestart() {
        Path keyFile = dir.resolve("keys/worker.sealed");
        WorkerKeys first = WorkerKeys.loadOrCreate(keyFile, simulatedTee(dir));
        WorkerKeys again = WorkerKeys.loadOrCreate(keyFile, simulatedTee(dir));
        assertThat(again.signing().verifier().pem())
                .isEqualTo(first.signing().verifier().pem());
        assertThat(again.encryption().publicKey().pem())
                .isEqualTo(first.encryption().publicKey().pem());
    }

    @Test
    void theSimulatedTeesQuoteBindsTheVerificationKeyTheRecordPublishes() {
        var typeData = worker.record().details().workerTypeData();
        TeeEvidence evidence = simulatedTee(dir).attest(ReportDataBinding.of(typeData.verificationKey()));

        Verdict verdict = new ProofDataVerifier()
                .verify(
                        evidence.proofDataType(),
                        evidence.proofData(),
                        VerificationContext.at(ATTESTED_AT.plusSeconds(60)).boundTo(typeData.verificationKey()));

        assertThat(evidence.proofDataType()).isEqualTo(typeData.proofDataType());
        assertThat(verdict.reasonText()).isEqualTo("valid");
        assertThat(verdict.kind()).isEqualTo(TeeKind.SIMULATED);
        assertThat(verdict.keyBinding()).isEqualTo(Verdict.KeyBinding.BOUND);
        assertThat(verdict.measurements().get("MEASUREMENT"))
                .isEqualTo(java.util.HexFormat.of().formatHex(CodeMeasurement.of(SingletonWorker.class)));
    }

    private static SimulatedTee simulatedTee(Path dir) {
        return SimulatedTee.open(
                dir.resolve("tee"),
                CodeMeasurement.of(SingletonWorker.class),
                Clock.fixed(ATTESTED_AT, ZoneOffset.UTC));
    }
}
