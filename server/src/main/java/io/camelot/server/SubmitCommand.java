package io.camelot.server;

import io.camelot.attestation.TeeKind;
import io.camelot.attestation.Verdict;
import io.camelot.ethereum.ChainSettings;
import io.camelot.ethereum.EthereumTcsClient;
import io.camelot.ethereum.ProxyContracts;
import io.camelot.fabric.FabricSettings;
import io.camelot.fabric.FabricTcsClient;
import io.camelot.sdk.AttestationPolicy;
import io.camelot.sdk.DirectTcsClient;
import io.camelot.sdk.Requester;
import io.camelot.sdk.SubmitReply;
import io.camelot.sdk.SubmittedWorkOrder;
import io.camelot.sdk.TcsClient;
import io.camelot.sdk.TcsException;
import io.camelot.sdk.VerifiedWorker;
import io.camelot.sdk.WorkOrderBuilder;
import io.camelot.sdk.WorkOrderOutcome;
import io.camelot.worker.WorkerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Submits one work order through the SDK and prints the verified, decrypted result. */
@Command(
        name = "submit",
        mixinStandardHelpOptions = true,
        description = "Encrypt and submit a work order, wait for it, verify and print the result.")
final class SubmitCommand implements Callable<Integer> {

    @Option(names = "--url", description = "TCS listener URL (default: ${DEFAULT-VALUE})")
    String url = "http://127.0.0.1:1947";

    @Option(names = "--workload", description = "Workload name (default: ${DEFAULT-VALUE})")
    String workload = "echo-result";

    @Option(names = "--worker", description = "Worker name; its id is SHA-256 of the name (default: ${DEFAULT-VALUE})")
    String workerName = WorkerConfig.DEFAULT_NAME;

    @Option(names = "--worker-id", description = "Worker id in hex (overrides --worker)")
    String workerId;

    @Option(names = "--timeout", description = "Seconds to wait for the result (default: ${DEFAULT-VALUE})")
    long timeoutSeconds = 60;

    @Option(
            names = "--allow-simulated",
            description = "Accept a SIMULATED worker. Without it, simulation is accepted only when --url is a loopback"
                    + " address (your own local `camelot serve`); remote workers must present hardware evidence.")
    boolean allowSimulated;

    @Option(
            names = "--ethereum-rpc",
            description = "Submit through the Ethereum proxy model at this node URL instead of --url")
    String ethereumRpc;

    @Option(names = "--chain-id", description = "With --ethereum-rpc: chain id (default: ${DEFAULT-VALUE})")
    long chainId = 1337;

    @Option(names = "--contracts", description = "With --ethereum-rpc: contract addresses file from ethereum-bridge")
    Path contractsFile;

    @Option(
            names = "--key-file",
            description = "With --ethereum-rpc: the requester account's hex private key"
                    + " (else the "
                    + EthereumBridgeCommand.KEY_VARIABLE
                    + " variable)")
    Path keyFile;

    @Option(
            names = "--wire-log",
            paramLabel = "FILE",
            description = "Append every JSON-RPC request and response body exchanged with --url to FILE, one JSON"
                    + " object per line: {\"direction\": \"request\"|\"response\", \"url\", \"at\" (ISO-8601),"
                    + " \"body\"}, where body is the exact body as a JSON string (bodyBase64 if it is not UTF-8)")
    Path wireLog;

    @Option(
            names = "--fail-on",
            paramLabel = "REGEX",
            description = "After printing the outputs, exit 1 if one contains a match of REGEX: an application"
                    + " failure the worker returns as a result, e.g. simple-wallet's --fail-on 'RESULT:"
                    + " (?!.*::)' (docs/workloads.md). A work order the worker fails exits 1 anyway.")
    String failOn;

    @Mixin
    FabricOptions fabric = new FabricOptions("USER");

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Input data items (text)")
    List<String> inputs;

    @Override
    public Integer call() {
        String id = workerId != null ? workerId : WorkerConfig.idOf(workerName);
        FabricSettings fabricSettings = fabric.given() ? fabric.settings() : null;
        if (fabricSettings != null && ethereumRpc != null) {
            throw UserError.usage("submit through Ethereum (--ethereum-rpc) or Fabric (--fabric-*), not both");
        }
        boolean proxy = ethereumRpc != null || fabricSettings != null;
        if (wireLog != null && proxy) {
            throw UserError.usage("--wire-log records the direct model's JSON-RPC; it does not work with "
                    + (ethereumRpc != null ? "--ethereum-rpc" : "Fabric"));
        }
        String endpoint;
        if (fabricSettings != null) {
            // A URL only for the loopback test below: the peer is host:port.
            endpoint = "grpcs://" + fabricSettings.peerEndpoint();
        } else {
            endpoint = ethereumRpc != null ? ethereumRpc : url;
            Commands.requireScheme(ethereumRpc != null ? "--ethereum-rpc" : "--url", endpoint);
        }
        Pattern failure = failOn == null ? null : failurePattern(failOn);
        WireLogFile wire;
        try {
            wire = wireLog == null ? null : WireLogFile.open(wireLog);
        } catch (IOException e) {
            throw UserError.usage("cannot open wire log " + wireLog + ": " + WireLogFile.reason(e), e);
        }
        try (wire;
                TcsClient client = client(wire, fabricSettings)) {
            AttestationPolicy policy = allowSimulated || isLoopback(endpoint)
                    ? AttestationPolicy.builder().allowSimulation().build()
                    : AttestationPolicy.strict();
            Requester requester =
                    Requester.builder(client).attestationCheck(policy).build();
            VerifiedWorker worker = requester.worker(id);
            Verdict attestation = policy.appraise(worker.record());
            if (attestation.kind() == TeeKind.SIMULATED) {
                System.err.println(
                        "WARNING: worker " + id + " is SIMULATED: no hardware TEE protects its keys or your data");
            }
            WorkOrderBuilder order = requester.newWorkOrder(worker, workload);
            inputs.forEach(order::input);
            SubmittedWorkOrder submitted = order.submit();
            if (proxy && submitted.submitReply() instanceof SubmitReply.Pending chain) {
                System.err.println("work order " + submitted.workOrderId() + ": " + chain.message());
            }
            WorkOrderOutcome outcome = submitted.await(Duration.ofSeconds(timeoutSeconds));
            for (int i = 0; i < outcome.outputs().size(); i++) {
                System.out.println(outcome.outputs().get(i).text());
            }
            System.err.println("work order " + submitted.workOrderId() + ": signature verified against worker " + id);
            checkFailOn(failure, outcome);
            return 0;
        } catch (TcsException | UncheckedIOException e) {
            throw UserError.runtime(e.getMessage(), e);
        }
    }

    /** Compiled here, not by picocli, whose message would carry the JDK's multi-line one. */
    private static Pattern failurePattern(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw UserError.usage(
                    "--fail-on "
                            + regex
                            + " is not a regular expression: "
                            + e.getDescription()
                            + " at index "
                            + e.getIndex(),
                    e);
        }
    }

    /**
     * @param failure null for none
     */
    private static void checkFailOn(Pattern failure, WorkOrderOutcome outcome) {
        if (failure == null) {
            return;
        }
        for (int i = 0; i < outcome.outputs().size(); i++) {
            String text = outcome.outputs().get(i).text();
            if (failure.matcher(text).find()) {
                throw UserError.runtime("output " + i + " matches --fail-on " + failure.pattern() + ": " + text);
            }
        }
    }

    /**
     * @param wire null for none
     * @param fabricSettings null unless submitting through Fabric
     */
    private TcsClient client(WireLogFile wire, FabricSettings fabricSettings) {
        if (fabricSettings != null) {
            try {
                return FabricTcsClient.connect(fabricSettings);
            } catch (IOException e) {
                throw UserError.usage("Fabric: " + FabricOptions.reason(e), e);
            }
        }
        if (ethereumRpc == null) {
            DirectTcsClient.Builder direct = DirectTcsClient.builder(url);
            return (wire == null ? direct : direct.wireLog(wire)).build();
        }
        if (contractsFile == null) {
            throw UserError.usage("--ethereum-rpc needs --contracts");
        }
        String key;
        try {
            key = keyFile != null
                    ? Files.readString(keyFile).strip()
                    : System.getenv(EthereumBridgeCommand.KEY_VARIABLE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (key == null || key.isBlank()) {
            throw UserError.usage("--ethereum-rpc needs --key-file or " + EthereumBridgeCommand.KEY_VARIABLE);
        }
        return EthereumTcsClient.connect(
                ChainSettings.of(ethereumRpc, chainId, key), ProxyContracts.load(contractsFile));
    }

    /** Literal loopback hosts only: resolving a name here would let DNS decide what we trust. */
    static boolean isLoopback(String url) {
        String host;
        try {
            host = URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return false;
        }
        return host != null
                && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1"));
    }
}
