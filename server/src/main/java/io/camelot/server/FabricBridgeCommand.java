package io.camelot.server;

import io.camelot.bridge.Bridge;
import io.camelot.bridge.RelaySettings;
import io.camelot.fabric.FabricBridge;
import io.camelot.fabric.FabricGateway;
import io.camelot.fabric.FabricSettings;
import io.camelot.sdk.DirectTcsClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The EEA proxy model on Hyperledger Fabric: connects a running TCS (by its direct-model URL) to the
 * proxy-model chaincode through a peer's Gateway, until SIGTERM or Ctrl-C.
 */
@Command(
        name = "fabric-bridge",
        mixinStandardHelpOptions = true,
        description = "Relay work orders between the Fabric proxy-model chaincode and a TCS (EEA proxy model).")
final class FabricBridgeCommand implements Callable<Integer> {

    @Option(
            names = "--tcs-url",
            description = "The TCS's direct-model JSON-RPC URL (default ${DEFAULT-VALUE})",
            defaultValue = "http://127.0.0.1:1947")
    String tcsUrl;

    @Mixin
    FabricOptions fabric = new FabricOptions("ADMIN");

    @Option(
            names = "--checkpoint",
            description = "The last handled chaincode event's block and transaction are kept here"
                    + " (default ${DEFAULT-VALUE})",
            defaultValue = "camelot-data/fabric-bridge.checkpoint")
    Path checkpoint;

    @Option(
            names = "--worker-sync-interval",
            defaultValue = "30",
            description = "Seconds between re-reads of the TCS's workers; changes are pushed to the ledger"
                    + " (default ${DEFAULT-VALUE})")
    long workerSyncSeconds;

    @Mixin
    AdminOptions admin = new AdminOptions();

    @Override
    public Integer call() throws Exception {
        Commands.requireScheme("--tcs-url", tcsUrl);
        FabricSettings settings = fabric.settings();
        FabricGateway gateway;
        try {
            gateway = FabricGateway.connect(settings);
        } catch (IOException e) {
            throw UserError.usage("Fabric: " + FabricOptions.reason(e), e);
        }
        DirectTcsClient tcs = DirectTcsClient.create(tcsUrl);
        RelaySettings relay =
                RelaySettings.defaults(checkpoint).withWorkerSyncInterval(Duration.ofSeconds(workerSyncSeconds));
        Bridge bridge = FabricBridge.start(tcs, gateway, relay);
        ProcessAdmin adminPort = BridgeAdmin.start(admin, bridge, tcs, metrics -> {}, List.of());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        Thread.ofPlatform().name("camelot-bridge-shutdown").unstarted(() -> {
                            System.err.println("camelot: stopping the Fabric bridge");
                            adminPort.close();
                            bridge.close();
                            tcs.close();
                            gateway.close();
                            stopped.countDown();
                        }));
        System.out.println("Fabric bridge: TCS " + tcsUrl + " <-> peer " + settings.peerEndpoint() + ", chaincode "
                + settings.chaincode() + " on channel " + settings.channel() + " as " + settings.mspId());
        System.out.println("Workers on the ledger: " + bridge.workerKeys());
        System.out.println(
                "Checkpoint: " + checkpoint.toAbsolutePath() + " (resuming after " + bridge.checkpoint() + ")");
        adminPort.announce();
        stopped.await();
        return 0;
    }
}
