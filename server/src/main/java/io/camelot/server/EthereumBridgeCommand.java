package io.camelot.server;

import io.camelot.bridge.RelaySettings;
import io.camelot.bridge.RetryPolicy;
import io.camelot.ethereum.BridgeSettings;
import io.camelot.ethereum.Chain;
import io.camelot.ethereum.ChainSettings;
import io.camelot.ethereum.EthereumBridge;
import io.camelot.ethereum.OracleFeed;
import io.camelot.ethereum.ProxyContracts;
import io.camelot.io.ConnectorPolicy;
import io.camelot.ops.ReadinessCheck;
import io.camelot.sdk.AttestationPolicy;
import io.camelot.sdk.DirectTcsClient;
import io.camelot.sdk.TcsClient;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The EEA proxy model on Ethereum: connects a running TCS (by its direct-model URL) to the
 * proxy-model contracts on any Ethereum node, until SIGTERM or Ctrl-C.
 */
@Command(
        name = "ethereum-bridge",
        mixinStandardHelpOptions = true,
        description = "Relay work orders between Ethereum proxy-model contracts and a TCS (EEA proxy model).")
final class EthereumBridgeCommand implements Callable<Integer> {
    static final String KEY_VARIABLE = "CAMELOT_ETH_PRIVATE_KEY";

    @Option(
            names = "--tcs-url",
            description = "The TCS's direct-model JSON-RPC URL (default ${DEFAULT-VALUE})",
            defaultValue = "http://127.0.0.1:1947")
    String tcsUrl;

    @Option(names = "--rpc-url", required = true, description = "Ethereum node JSON-RPC URL (Geth, Besu…)")
    String rpcUrl;

    @Option(names = "--chain-id", required = true, description = "Chain id for EIP-155 signing")
    long chainId;

    @Option(
            names = "--key-file",
            description = "File holding the TCS account's hex private key (else the " + KEY_VARIABLE + " variable)")
    Path keyFile;

    @Option(
            names = "--contracts",
            required = true,
            description = "JSON file with the contract addresses (written by --deploy)")
    Path contractsFile;

    @Option(names = "--deploy", description = "Deploy fresh contracts from the TCS account and write --contracts")
    boolean deploy;

    @Option(
            names = "--checkpoint",
            description = "Last handled block is kept here (default ${DEFAULT-VALUE})",
            defaultValue = "camelot-data/ethereum-bridge.checkpoint")
    Path checkpoint;

    @Option(
            names = "--confirmations",
            defaultValue = "0",
            description = "Blocks an event must be buried under before it is handled (default ${DEFAULT-VALUE})")
    int confirmations;

    @Option(
            names = "--start-block",
            defaultValue = "0",
            description = "First block to read when there is no checkpoint (default ${DEFAULT-VALUE})")
    long startBlock;

    @Option(names = "--gas-price", description = "Gas price in wei (default 20 gwei)")
    BigInteger gasPrice = ChainSettings.DEFAULT_GAS_PRICE;

    @Option(names = "--gas-limit", description = "Gas limit per transaction (default 6000000)")
    BigInteger gasLimit = ChainSettings.DEFAULT_GAS_LIMIT;

    @Option(
            names = "--worker-sync-interval",
            defaultValue = "30",
            description =
                    "Seconds between re-reads of the TCS's workers; changes are pushed on chain (default ${DEFAULT-VALUE})")
    long workerSyncSeconds;

    @Option(
            names = "--oracle-feed",
            paramLabel = "NAME=URL",
            description = "Post the attested-oracle value of this https:// URL to OracleResults under keccak256(NAME);"
                    + " repeatable. The TCS's worker must grant attested-oracle the URL's host")
    Map<String, String> oracleFeeds = new LinkedHashMap<>();

    @Option(
            names = "--oracle-interval",
            defaultValue = "60",
            description = "Seconds between rounds of each oracle feed (default ${DEFAULT-VALUE})")
    long oracleSeconds;

    @Option(
            names = "--oracle-worker",
            description = "Worker id (hex) that runs the oracle feeds (default: the TCS's first worker)")
    String oracleWorker;

    @Option(
            names = "--allow-simulated",
            description =
                    "Let the oracle feeds use a SIMULATED worker; without it their worker must present hardware evidence")
    boolean allowSimulated;

    @Option(
            names = "--request-uri-host",
            paramLabel = "HOST[:PORT]",
            description = "A host a workOrderRequest given as an https:// URI may be fetched from; repeatable."
                    + " Without any, such work orders are completed with error 2")
    List<String> requestUriHosts = List.of();

    @Option(
            names = "--request-uri-trust",
            paramLabel = "PEM",
            description = "Trust only these root certificates when fetching request URIs (default: the JDK's)")
    Path requestUriTrust;

    @Option(
            names = "--request-uri-max-bytes",
            defaultValue = "1048576",
            description = "Largest workOrderRequest fetched from a URI (default ${DEFAULT-VALUE})")
    long requestUriMaxBytes;

    @Mixin
    AdminOptions admin = new AdminOptions();

    @Override
    public Integer call() throws Exception {
        ChainSettings chainSettings = new ChainSettings(
                rpcUrl, chainId, privateKey(), gasPrice, gasLimit, Duration.ofMillis(250), Duration.ofMinutes(2));
        Chain chain = Chain.connect(chainSettings);
        ProxyContracts contracts;
        if (deploy) {
            if (Files.exists(contractsFile)) {
                System.err.println("camelot: " + contractsFile + " exists; refusing to deploy over it");
                return 2;
            }
            contracts = ProxyContracts.deploy(chain);
            contracts.save(contractsFile);
            System.out.println("Deployed proxy-model contracts: " + contracts + " (saved to " + contractsFile + ")");
        } else {
            contracts = ProxyContracts.load(contractsFile);
        }
        DirectTcsClient tcs = DirectTcsClient.create(tcsUrl);
        BridgeSettings settings = settings();
        EthereumBridge bridge = EthereumBridge.start(tcs, chain, contracts, settings);
        ProcessAdmin adminPort = startAdmin(admin, bridge, tcs);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        Thread.ofPlatform().name("camelot-bridge-shutdown").unstarted(() -> {
                            System.err.println("camelot: stopping the Ethereum bridge");
                            adminPort.close();
                            bridge.close();
                            tcs.close();
                            chain.close();
                            stopped.countDown();
                        }));
        System.out.println(
                "Ethereum bridge: TCS " + tcsUrl + " <-> " + rpcUrl + " (chain " + chainId + ") as " + chain.address());
        System.out.println("Workers on chain: " + bridge.core().workerKeys() + "; work orders at "
                + contracts.workOrderRegistry());
        if (!settings.oracleFeeds().isEmpty()) {
            System.out.println("Oracle feeds "
                    + oracleFeeds.keySet()
                    + " every "
                    + oracleSeconds
                    + " s to OracleResults at "
                    + contracts.oracleResults());
        }
        System.out.println("Checkpoint: "
                + checkpoint.toAbsolutePath()
                + " (resuming after block "
                + bridge.lastHandledBlock()
                + ")");
        adminPort.announce();
        stopped.await();
        return 0;
    }

    /**
     * The bridge's meters and readiness plus the oracle feeds': ready also while no oracle feed's
     * last round failed.
     */
    static ProcessAdmin startAdmin(AdminOptions options, EthereumBridge bridge, TcsClient tcs) {
        return BridgeAdmin.start(
                options,
                bridge.core(),
                tcs,
                metrics -> {
                    BridgeAdmin.counter(
                            metrics,
                            "oracle.posts",
                            bridge::oraclePosts,
                            "Verified attested-oracle values posted to OracleResults");
                    BridgeAdmin.counter(
                            metrics,
                            "oracle.failed",
                            bridge::failedOracleRounds,
                            "Oracle feed rounds that failed; the next round tries again");
                },
                List.of(ReadinessCheck.of("oracle", bridge::oracleProblem)));
    }

    BridgeSettings settings() {
        List<OracleFeed> feeds = oracleFeeds.entrySet().stream()
                .map(feed ->
                        new OracleFeed(feed.getKey(), oracleWorker, feed.getValue(), Duration.ofSeconds(oracleSeconds)))
                .toList();
        RelaySettings relay = new RelaySettings(
                checkpoint,
                startBlock,
                Duration.ofMinutes(5),
                RetryPolicy.DEFAULT,
                Duration.ofSeconds(workerSyncSeconds),
                requestUriPolicy(),
                RelaySettings.DEFAULT_MAX_IN_FLIGHT);
        return new BridgeSettings(
                relay,
                confirmations,
                Duration.ofMillis(500),
                500,
                feeds,
                allowSimulated ? AttestationPolicy.builder().allowSimulation().build() : AttestationPolicy.strict());
    }

    private ConnectorPolicy requestUriPolicy() {
        ConnectorPolicy policy = ConnectorPolicy.https(requestUriHosts, List.of("GET"), requestUriMaxBytes);
        return requestUriTrust == null ? policy : policy.withTrustPem(requestUriTrust);
    }

    private String privateKey() throws Exception {
        String key = keyFile != null
                ? Files.readString(keyFile, StandardCharsets.US_ASCII).strip()
                : System.getenv(KEY_VARIABLE);
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("no private key: pass --key-file or set " + KEY_VARIABLE);
        }
        return key;
    }
}
