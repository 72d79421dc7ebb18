package io.camelot.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.io.LocalHttpsServer;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.crypto.AesGcm;
import io.camelot.protocol.crypto.CryptoException;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.envelope.DataKeyItem;
import io.camelot.protocol.envelope.ResponseOpener;
import io.camelot.protocol.model.DataItem;
import io.camelot.protocol.model.WorkOrderResult;
import io.camelot.sdk.DirectTcsClient;
import io.camelot.sdk.Requester;
import io.camelot.sdk.SubmittedWorkOrder;
import io.camelot.sdk.TcsRpcException;
import io.camelot.sdk.VerifiedWorker;
import io.camelot.sdk.WorkOrderOutcome;
import io.camelot.server.config.WorkloadsSection;
import io.camelot.wasm.WasmBinary;
import io.camelot.wasm.WasmCatalog;
import io.camelot.worker.WorkerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** WASM catalog and inline modules, limits, connectors and the attested oracle, through the SDK. */
class RuntimeWorkloadsEndToEndTest {
    @TempDir
    Path dataDir;

    @RegisterExtension
    final TcsNodeExtension tcs = new TcsNodeExtension();

    TcsNode node;
    DirectTcsClient client;
    LocalHttpsServer source;

    @AfterEach
    void stop() {
        if (source != null) {
            source.close();
        }
    }

    VerifiedWorker start(WorkloadsSection workloads) {
        node = tcs.start(TestConfigs.loopback(dataDir.resolve("node"))
                .workerConcurrency(2)
                .workloads(workloads)
                .build());
        client = tcs.client();
        return requester().worker(WorkerConfig.idOf(WorkerConfig.DEFAULT_NAME));
    }

    Requester requester() {
        return Requester.builder(client)
                .requesterKey(Secp256k1.generate())
                .allowSimulation()
                .build();
    }

    static byte[] testModule(String name) {
        try (InputStream in = RuntimeWorkloadsEndToEndTest.class
                .getClassLoader()
                .getResourceAsStream("wasm-test/" + name + ".wasm")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String hashItem(byte[] module) {
        return "wasm-module-sha256:" + WasmBinary.sha256Hex(module);
    }

    @Test
    void aCatalogModuleAnswersAndTheSignedResultNamesIt() {
        VerifiedWorker worker = start(WorkloadsSection.defaults());
        WorkOrderOutcome echo = requester()
                .newWorkOrder(worker, "wasm-echo")
                .input("Hello")
                .submit()
                .await();

        assertThat(echo.text(0)).isEqualTo("RESULT: Hello");
        assertThat(echo.text(1)).isEqualTo(hashItem(WasmCatalog.example("wasm-echo")));
    }

    @Test
    void aSealedBidAuctionOverBiddersWhoNeverSeeEachOthersBids() {
        VerifiedWorker worker = start(WorkloadsSection.defaults());
        // Bob seals his bid under his own data key; the auctioneer submitting the work order sees only
        // ciphertext.
        DataKeyItem bobsBid = DataKeyItem.seal(
                "bob:175".getBytes(StandardCharsets.UTF_8), AesGcm.newKey(), worker.encryptionKey(), true);
        WorkOrderOutcome outcome = requester()
                .newWorkOrder(worker, "wasm-sealed-bid-auction")
                .input("alice:120")
                .dataKeyInput(bobsBid)
                .input("carol:150")
                .submit()
                .await();
        assertThat(outcome.text(0)).isEqualTo("winner bob pays 150");
        assertThat(outcome.text(1)).isEqualTo(hashItem(WasmCatalog.example("wasm-sealed-bid-auction")));
    }

    @Test
    void anOperatorRegisteredModuleRunsOnlyWithItsRegisteredHash() throws IOException {
        byte[] module = WasmCatalog.example("wasm-echo");
        Path file = Files.write(dataDir.resolve("my-echo.wasm"), module);
        WorkloadsSection registered = WorkloadsSection.builder()
                .modules(List.of(new WorkloadsSection.Module("my-echo", file.toString(), WasmBinary.sha256Hex(module))))
                .build();
        VerifiedWorker worker = start(registered);
        assertThat(requester()
                        .newWorkOrder(worker, "my-echo")
                        .input("x")
                        .submit()
                        .await()
                        .text(0))
                .isEqualTo("RESULT: x");
        tcs.stop();

        WorkloadsSection wrongHash = WorkloadsSection.builder()
                .modules(List.of(new WorkloadsSection.Module("my-echo", file.toString(), "00".repeat(32))))
                .build();
        assertThatThrownBy(() -> start(wrongHash))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(
                        "has SHA-256 " + WasmBinary.sha256Hex(module) + ", but " + "00".repeat(32) + " is registered");
    }

    @Test
    void anInlineModuleRunsWhenThePolicyAllowsItAndItsHashIsSigned() {
        VerifiedWorker worker =
                start(WorkloadsSection.builder().inlineModules(true).build());
        byte[] module = WasmCatalog.example("wasm-echo");
        Requester requester = requester();
        SubmittedWorkOrder submitted = requester
                .newWorkOrder(worker, "wasm-inline")
                .input(module)
                .input("inline")
                .submit();
        WorkOrderOutcome outcome = submitted.await();

        assertThat(outcome.text(0)).isEqualTo("RESULT: inline");
        assertThat(outcome.text(1)).isEqualTo(hashItem(module));
        // The module hash is inside what the worker signed: swapping that item breaks the signature.
        WorkOrderResult result = outcome.result();
        List<DataItem> swapped = new ArrayList<>(result.outData());
        DataItem hashItem = swapped.get(1);
        swapped.set(
                1,
                new DataItem(
                        hashItem.index(),
                        hashItem.dataHash(),
                        swapped.get(0).data(),
                        hashItem.encryptedDataEncryptionKey(),
                        hashItem.iv()));
        WorkOrderResult tampered = new WorkOrderResult(
                result.workOrderId(),
                result.workloadId(),
                result.workerId(),
                result.requesterId(),
                result.workerNonce(),
                result.workerSignature(),
                swapped,
                result.extVerificationKey(),
                result.extVerificationKeySignature(),
                result.predecessors(),
                result.envelopeVersion());
        ResponseOpener.verifySignature(result, submitted.request(), worker.verificationKey());
        assertThatThrownBy(
                        () -> ResponseOpener.verifySignature(tampered, submitted.request(), worker.verificationKey()))
                .isInstanceOf(CryptoException.class);
    }

    @Test
    void anInlineModuleThatIsNotWebAssemblyIsAnInvalidParameter() {
        VerifiedWorker worker =
                start(WorkloadsSection.builder().inlineModules(true).build());
        assertThatThrownBy(() -> requester()
                        .newWorkOrder(worker, "wasm-inline")
                        .input("not wasm")
                        .submit()
                        .await())
                .isInstanceOfSatisfying(
                        TcsRpcException.class, e -> assertThat(e.code()).isEqualTo(2))
                .hasMessageContaining("not a valid WebAssembly module");
    }

    @Test
    void inlineModulesAreRefusedWithAccessDeniedByDefault() {
        VerifiedWorker worker = start(WorkloadsSection.defaults());
        assertThatThrownBy(() -> requester()
                        .newWorkOrder(worker, "wasm-inline")
                        .input(WasmCatalog.example("wasm-echo"))
                        .submit()
                        .await())
                .isInstanceOfSatisfying(
                        TcsRpcException.class, e -> assertThat(e.code()).isEqualTo(3))
                .hasMessageContaining("does not allow inline WASM modules");
    }

    @Test
    void aRunawayModuleFailsItsOwnWorkOrderAndTheWorkerCarriesOn() {
        VerifiedWorker worker = start(WorkloadsSection.builder()
                .inlineModules(true)
                .maxInstructions(2_000_000)
                .maxMemoryPages(16)
                .timeoutMs(60_000)
                .build());
        Requester requester = requester();
        SubmittedWorkOrder spin = requester
                .newWorkOrder(worker, "wasm-inline")
                .input(testModule("spin"))
                .submit();
        SubmittedWorkOrder hog = requester
                .newWorkOrder(worker, "wasm-inline")
                .input(testModule("memory-hog"))
                .submit();
        SubmittedWorkOrder echo =
                requester.newWorkOrder(worker, "wasm-echo").input("still here").submit();

        assertThatThrownBy(spin::await)
                .isInstanceOfSatisfying(
                        TcsRpcException.class, e -> assertThat(e.code()).isEqualTo(1))
                .hasMessageContaining("resource limit: the module used its budget of 2000000 instructions");
        assertThatThrownBy(hog::await)
                .isInstanceOfSatisfying(
                        TcsRpcException.class, e -> assertThat(e.code()).isEqualTo(1))
                .hasMessageContaining("resource limit: the module asked for 17 memory pages, the limit is 16");
        assertThat(echo.await().text(0)).isEqualTo("RESULT: still here");
    }

    @Test
    void aWasmModuleUsesTheSealedKeyValueStoreOnlyWhenGranted() {
        WorkloadsSection.Grant kv = new WorkloadsSection.Grant("wasm-inline", "kv", null, null, 1024, null);
        VerifiedWorker worker = start(WorkloadsSection.builder()
                .inlineModules(true)
                .grants(List.of(kv))
                .build());
        Requester requester = requester();
        String value = Base64.getEncoder().encodeToString("42".getBytes(StandardCharsets.UTF_8));
        requester
                .newWorkOrder(worker, "wasm-inline")
                .input(testModule("io-forward"))
                .input("kv")
                .input("{\"op\":\"put\",\"key\":\"answer\",\"value\":\"" + value + "\"}")
                .submit()
                .await();
        WorkOrderOutcome got = requester
                .newWorkOrder(worker, "wasm-inline")
                .input(testModule("io-forward"))
                .input("kv")
                .input("{\"op\":\"get\",\"key\":\"answer\"}")
                .submit()
                .await();
        assertThat(got.text(0)).isEqualTo("{\"found\":true,\"value\":\"" + value + "\"}");

        assertThatThrownBy(() -> requester
                        .newWorkOrder(worker, "wasm-inline")
                        .input(testModule("io-forward"))
                        .input("https")
                        .input("{\"url\":\"https://example.org/\"}")
                        .submit()
                        .await())
                .isInstanceOfSatisfying(
                        TcsRpcException.class, e -> assertThat(e.code()).isEqualTo(3))
                .hasMessageContaining("connector https is not granted to wasm-inline");
    }

    static String kvPut(String key, String value) {
        String encoded = Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
        return "{\"op\":\"put\",\"key\":\"" + key + "\",\"value\":\"" + encoded + "\"}";
    }

    static String kvFound(String value) {
        return "{\"found\":true,\"value\":\""
                + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))
                + "\"}";
    }

    @Test
    void kvWritesCommitWithTheWorkOrderOrNotAtAll() {
        WorkloadsSection.Grant kv = new WorkloadsSection.Grant("wasm-inline", "kv", null, null, 1024, null);
        VerifiedWorker worker = start(WorkloadsSection.builder()
                .inlineModules(true)
                .grants(List.of(kv))
                .build());
        Requester requester = requester();
        byte[] module = testModule("io-forward-each");
        String get = "{\"op\":\"get\",\"key\":\"answer\"}";

        WorkOrderOutcome putThenGet = requester
                .newWorkOrder(worker, "wasm-inline")
                .input(module)
                .input("kv")
                .input(get)
                .input(kvPut("answer", "42"))
                .input(get)
                .submit()
                .await();
        assertThat(putThenGet.text(0)).isEqualTo("{\"found\":false}");
        assertThat(putThenGet.text(1)).isEqualTo("{\"found\":false}");
        assertThat(putThenGet.text(2)).isEqualTo(kvFound("42"));

        // A put followed by a call that fails: the work order fails and its put is not committed.
        assertThatThrownBy(() -> requester
                        .newWorkOrder(worker, "wasm-inline")
                        .input(module)
                        .input("kv")
                        .input(kvPut("answer", "7"))
                        .input("{not json")
                        .submit()
                        .await())
                .isInstanceOf(TcsRpcException.class)
                .hasMessageContaining("malformed kv connector request");
        WorkOrderOutcome after = requester
                .newWorkOrder(worker, "wasm-inline")
                .input(module)
                .input("kv")
                .input(get)
                .submit()
                .await();
        assertThat(after.text(0)).isEqualTo(kvFound("42"));

        requester
                .newWorkOrder(worker, "wasm-inline")
                .input(module)
                .input("kv")
                .input("{\"op\":\"delete\",\"key\":\"answer\"}")
                .submit()
                .await();
        WorkOrderOutcome deleted = requester
                .newWorkOrder(worker, "wasm-inline")
                .input(module)
                .input("kv")
                .input(get)
                .submit()
                .await();
        assertThat(deleted.text(0)).isEqualTo("{\"found\":false}");
    }

    @Test
    void theAttestedOracleSignsWhatAnAllowedSourceSaidAndTheCertificateItShowed() {
        source = new LocalHttpsServer(dataDir).serve("/eth-usd", "3120.55");
        WorkloadsSection.Grant https = new WorkloadsSection.Grant(
                "attested-oracle",
                "https",
                List.of(source.host()),
                List.of("GET"),
                4096,
                source.trustPem().toString());
        VerifiedWorker worker =
                start(WorkloadsSection.builder().grants(List.of(https)).build());

        WorkOrderOutcome outcome = requester()
                .newWorkOrder(worker, "attested-oracle")
                .input(source.url("/eth-usd"))
                .submit()
                .await();
        JsonNode statement = ProtocolJson.parse(outcome.bytes(0));
        assertThat(statement.get("source").asText()).isEqualTo(source.url("/eth-usd"));
        assertThat(statement.get("value").asText()).isEqualTo("3120.55");
        assertThat(statement.get("tlsCertificateSha256").asText()).isEqualTo(source.certificateSha256());
        assertThat(statement.get("fetchedAt").asText()).isNotEmpty();
        assertThat(statement.get("httpStatus").asInt()).isEqualTo(200);

        assertThatThrownBy(() -> requester()
                        .newWorkOrder(worker, "attested-oracle")
                        .input("https://example.org/price")
                        .submit()
                        .await())
                .isInstanceOfSatisfying(
                        TcsRpcException.class, e -> assertThat(e.code()).isEqualTo(3))
                .hasMessageContaining("host example.org:443 is not allowed for attested-oracle");
    }
}
