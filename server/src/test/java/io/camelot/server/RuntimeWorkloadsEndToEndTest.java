package io.camelot.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.io.LocalHttpsServer;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.crypto.AesGcm;
import io.camelot.protocol.crypto.CryptoException;
import io.camelot.protocol.envelope.DataKeyItem;
import io.camelot.protocol.envelope.ResponseOpener;
import io.camelot.protocol.model.DataItem;
import io.camelot.protocol.model.WorkOrderResult;
import io.camelot.sdk.Requester;
import io.camelot.sdk.SubmittedWorkOrder;
import io.camelot.sdk.TcsRpcException;
import io.camelot.sdk.VerifiedWorker;
import io.camelot.sdk.WorkOrderBuilder;
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

    LocalHttpsServer source;

    @AfterEach
    void stop() {
        if (source != null) {
            source.close();
        }
    }

    VerifiedWorker start(WorkloadsSection workloads) {
        tcs.start(TestConfigs.loopback(dataDir.resolve("node"))
                .workerConcurrency(2)
                .workloads(workloads)
                .build());
        return tcs.signingRequester().worker(WorkerConfig.idOf(WorkerConfig.DEFAULT_NAME));
    }

    /** A node that runs inline modules and grants them the sealed key-value store. */
    VerifiedWorker startInlineWithKv() {
        WorkloadsSection.Grant kv = new WorkloadsSection.Grant("wasm-inline", "kv", null, null, 1024, null);
        return start(WorkloadsSection.builder()
                .inlineModules(true)
                .grants(List.of(kv))
                .build());
    }

    /**
     * An inline work order of a test {@code module} that forwards {@code requests} to {@code
     * connector} ({@code io-forward} the first, {@code io-forward-each} each).
     */
    static WorkOrderOutcome forward(
            Requester requester, VerifiedWorker worker, String module, String connector, String... requests) {
        WorkOrderBuilder order = requester
                .newWorkOrder(worker, "wasm-inline")
                .input(testModule(module))
                .input(connector);
        for (String request : requests) {
            order.input(request);
        }
        return order.submit().await();
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
        WorkOrderOutcome echo = WorkOrders.run(tcs.signingRequester(), worker, "wasm-echo", "Hello");

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
        WorkOrderOutcome outcome = tcs.signingRequester()
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
        assertThat(WorkOrders.run(tcs.signingRequester(), worker, "my-echo", "x")
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
        Requester requester = tcs.signingRequester();
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
        WorkOrders.assertRpcError(
                () -> WorkOrders.run(tcs.signingRequester(), worker, "wasm-inline", "not wasm"),
                2,
                "not a valid WebAssembly module");
    }

    @Test
    void inlineModulesAreRefusedWithAccessDeniedByDefault() {
        VerifiedWorker worker = start(WorkloadsSection.defaults());
        WorkOrders.assertRpcError(
                () -> tcs.signingRequester()
                        .newWorkOrder(worker, "wasm-inline")
                        .input(WasmCatalog.example("wasm-echo"))
                        .submit()
                        .await(),
                3,
                "does not allow inline WASM modules");
    }

    @Test
    void aRunawayModuleFailsItsOwnWorkOrderAndTheWorkerCarriesOn() {
        VerifiedWorker worker = start(WorkloadsSection.builder()
                .inlineModules(true)
                .maxInstructions(2_000_000)
                .maxMemoryPages(16)
                .timeoutMs(60_000)
                .build());
        Requester requester = tcs.signingRequester();
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

        WorkOrders.assertRpcError(spin::await, 1, "resource limit: the module used its budget of 2000000 instructions");
        WorkOrders.assertRpcError(
                hog::await, 1, "resource limit: the module asked for 17 memory pages, the limit is 16");
        assertThat(echo.await().text(0)).isEqualTo("RESULT: still here");
    }

    @Test
    void aWasmModuleUsesTheSealedKeyValueStoreOnlyWhenGranted() {
        VerifiedWorker worker = startInlineWithKv();
        Requester requester = tcs.signingRequester();
        String value = Base64.getEncoder().encodeToString("42".getBytes(StandardCharsets.UTF_8));
        forward(
                requester,
                worker,
                "io-forward",
                "kv",
                "{\"op\":\"put\",\"key\":\"answer\",\"value\":\"" + value + "\"}");
        WorkOrderOutcome got = forward(requester, worker, "io-forward", "kv", "{\"op\":\"get\",\"key\":\"answer\"}");
        assertThat(got.text(0)).isEqualTo("{\"found\":true,\"value\":\"" + value + "\"}");

        WorkOrders.assertRpcError(
                () -> forward(requester, worker, "io-forward", "https", "{\"url\":\"https://example.org/\"}"),
                3,
                "connector https is not granted to wasm-inline");
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
        VerifiedWorker worker = startInlineWithKv();
        Requester requester = tcs.signingRequester();
        String get = "{\"op\":\"get\",\"key\":\"answer\"}";

        WorkOrderOutcome putThenGet =
                forward(requester, worker, "io-forward-each", "kv", get, kvPut("answer", "42"), get);
        assertThat(putThenGet.text(0)).isEqualTo("{\"found\":false}");
        assertThat(putThenGet.text(1)).isEqualTo("{\"found\":false}");
        assertThat(putThenGet.text(2)).isEqualTo(kvFound("42"));

        // A put followed by a call that fails: the work order fails and its put is not committed.
        assertThatThrownBy(() -> forward(requester, worker, "io-forward-each", "kv", kvPut("answer", "7"), "{not json"))
                .isInstanceOf(TcsRpcException.class)
                .hasMessageContaining("malformed kv connector request");
        WorkOrderOutcome after = forward(requester, worker, "io-forward-each", "kv", get);
        assertThat(after.text(0)).isEqualTo(kvFound("42"));

        forward(requester, worker, "io-forward-each", "kv", "{\"op\":\"delete\",\"key\":\"answer\"}");
        WorkOrderOutcome deleted = forward(requester, worker, "io-forward-each", "kv", get);
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

        WorkOrderOutcome outcome = tcs.signingRequester()
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

        WorkOrders.assertRpcError(
                () -> WorkOrders.run(tcs.signingRequester(), worker, "attested-oracle", "https://example.org/price"),
                3,
                "host example.org:443 is not allowed for attested-oracle");
    }
}
