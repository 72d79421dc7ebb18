package io.camelot.bench.jmh;

import io.camelot.protocol.EnvelopeVersion;
import io.camelot.protocol.Params;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.WorkloadIds;
import io.camelot.protocol.crypto.KeyWrapPrivateKey;
import io.camelot.protocol.crypto.PublicKeySign;
import io.camelot.protocol.crypto.RsaOaep;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.envelope.InputSpec;
import io.camelot.protocol.envelope.PlainItem;
import io.camelot.protocol.envelope.RequestSealer;
import io.camelot.protocol.envelope.RequestTemplate;
import io.camelot.protocol.hash.WorkOrderHashes;
import io.camelot.protocol.internal.envelope.OpenedRequest;
import io.camelot.protocol.internal.envelope.RequestOpener;
import io.camelot.protocol.internal.envelope.ResponseSealer;
import io.camelot.protocol.jsonrpc.JsonRpcRequest;
import io.camelot.protocol.model.WorkOrderResult;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The worker's per-work-order steps one at a time, on a real sealed echo request: parse the
 * JSON-RPC body into params, hash the request, open it (RSA unwrap, hash check, AES-GCM decrypt),
 * and seal the response (AES-GCM, response hash, secp256k1 signature), in either envelope form
 * (docs/envelope.md), so what the hardened form costs is measured step by step.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class HotPathBenchmarks {

    @Param({"64", "1024", "65536"})
    int payloadBytes;

    @Param({"avalon-1", "camelot-2"})
    String envelope;

    private byte[] body;
    private WorkOrderSubmitParams params;
    private KeyWrapPrivateKey workerWrapKey;
    private PublicKeySign workerSigningKey;
    private OpenedRequest opened;
    private List<PlainItem> outputs;
    private byte[] digest;
    private byte[] wrappedSessionKey;

    @Setup
    public void sealRequest() {
        workerWrapKey = RsaOaep.generate();
        workerSigningKey = Secp256k1.generate();
        byte[] payload = new byte[payloadBytes];
        Arrays.fill(payload, (byte) 'x');
        RequestTemplate template = new RequestTemplate(
                        "ab".repeat(32),
                        "cd".repeat(32),
                        WorkloadIds.of("echo-result"),
                        "ef".repeat(32),
                        "01".repeat(16),
                        6000,
                        null,
                        List.of(new InputSpec.SessionKey(payload, false)),
                        List.of())
                .withEnvelope(EnvelopeVersion.byLabel(envelope).orElseThrow());
        params = RequestSealer.seal(template, workerWrapKey.publicKey(), null).request();
        body = ProtocolJson.toBytes(JsonRpcRequest.of("WorkOrderSubmit", 1, ProtocolJson.toTree(params)));
        opened = RequestOpener.open(params, workerWrapKey);
        outputs = List.of(new PlainItem(0, payload));
        digest = WorkOrderHashes.requestHash(params);
        wrappedSessionKey = HexFormat.of().parseHex(params.encryptedSessionKey());
    }

    @Benchmark
    public WorkOrderSubmitParams jsonParse() {
        return Params.workOrderSubmit(ProtocolJson.parse(body).get("params"));
    }

    @Benchmark
    public byte[] requestHash() {
        return WorkOrderHashes.requestHash(params);
    }

    @Benchmark
    public byte[] rsaUnwrapSessionKey() {
        return workerWrapKey.unwrap(wrappedSessionKey);
    }

    /** Unwrap, request hash, hash check and input decryption together. */
    @Benchmark
    public OpenedRequest decryptRequest() {
        return RequestOpener.open(params, workerWrapKey);
    }

    @Benchmark
    public byte[] sign() {
        return workerSigningKey.signDigest(digest);
    }

    /** Output encryption, response hash and signature together. */
    @Benchmark
    public WorkOrderResult sealResponse() {
        return ResponseSealer.seal(opened, outputs, workerSigningKey);
    }
}
