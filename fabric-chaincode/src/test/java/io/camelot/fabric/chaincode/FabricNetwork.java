package io.camelot.fabric.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.InvalidKeyException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;

/**
 * A real Fabric network for tests: deploy/fabric/network.sh brings it up, this chaincode runs in its
 * own JVM as a service, and {@link #connect(String)} opens Gateway connections as the org's admin or
 * user. {@link #close()} stops the chaincode and takes the network down, keeping the logs (orderer,
 * peer, peer CLI, chaincode) in {@code <home>-logs}.
 */
public final class FabricNetwork implements AutoCloseable {
    public static final String CHAINCODE = "camelot";

    private static final Path SCRIPT = Path.of("..", "deploy", "fabric", "network.sh");

    private final Path home;
    private final Properties env = new Properties();
    private final List<ManagedChannel> channels = new ArrayList<>();
    private Process chaincode;

    private FabricNetwork(Path home) {
        this.home = home;
    }

    /** Whether network.sh can run here: Go builds the binaries (or they are cached already). */
    private static boolean available() {
        String caches = System.getenv()
                .getOrDefault(
                        "XDG_CACHE_HOME",
                        Path.of(System.getProperty("user.home"), ".cache").toString());
        Path cache = Path.of(caches, "camelot", "fabric-2.5.9", "peer");
        String path = System.getenv().getOrDefault("PATH", "");
        return Files.isExecutable(cache)
                || List.of(path.split(File.pathSeparator)).stream()
                        .anyMatch(dir -> Files.isExecutable(Path.of(dir, "go")));
    }

    /**
     * {@link #start}, or skips the calling test class where the network cannot run here (no Go and no cached
     * binaries), unless CAMELOT_REQUIRE_FABRIC=1 (as in .ci/run), which makes that a failure.
     */
    public static FabricNetwork startOrSkip(Path home, Timings timings) throws IOException, InterruptedException {
        String missing = "no Go on PATH to build the Fabric binaries (deploy/fabric/network.sh build)";
        if ("1".equals(System.getenv("CAMELOT_REQUIRE_FABRIC"))) {
            assertThat(available()).as(missing).isTrue();
        }
        assumeTrue(available(), missing);
        return start(home, timings);
    }

    /** Brings the network up under {@code home} and deploys this chaincode, served by a new JVM. */
    public static FabricNetwork start(Path home, Timings timings) throws IOException, InterruptedException {
        FabricNetwork network = new FabricNetwork(home.toAbsolutePath());
        try {
            network.run(timings, "up", "up");
            try (Reader reader = Files.newBufferedReader(network.networkEnv())) {
                network.env.load(reader);
            }
            String address = "127.0.0.1:" + freePort();
            String packageId = network.script("package-id", CHAINCODE, address);
            network.startChaincode(address, packageId, timings);
            network.run(timings, "deploy", "deploy-cc", CHAINCODE, address);
            return network;
        } catch (IOException | InterruptedException | RuntimeException e) {
            network.close();
            throw e;
        }
    }

    public String get(String key) {
        return env.getProperty(key);
    }

    /** The network.env that network.sh wrote: what clients read. */
    public Path networkEnv() {
        return home.resolve("network.env");
    }

    /** A Gateway connection as {@code who}: "ADMIN" (the worker's TCS) or "USER" (a requester). */
    public Gateway connect(String who) throws IOException {
        TlsChannelCredentials.Builder tls = TlsChannelCredentials.newBuilder();
        tls.trustManager(new File(get("FABRIC_PEER_TLS_CA")));
        ManagedChannel channel =
                Grpc.newChannelBuilder(get("FABRIC_PEER_ENDPOINT"), tls.build()).build();
        channels.add(channel);
        try (Reader cert = Files.newBufferedReader(Path.of(get("FABRIC_" + who + "_CERT")));
                Reader key = Files.newBufferedReader(Path.of(get("FABRIC_" + who + "_KEY")))) {
            return Gateway.newInstance()
                    .identity(new X509Identity(get("FABRIC_MSP_ID"), Identities.readX509Certificate(cert)))
                    .signer(Signers.newPrivateKeySigner(Identities.readPrivateKey(key)))
                    .connection(channel)
                    .connect();
        } catch (CertificateException | InvalidKeyException e) {
            throw new IOException("unreadable credentials of " + who, e);
        }
    }

    /**
     * SIGKILLs the peer or the orderer and starts it again on its ledger; returns once it is ready.
     *
     * @param node "peer" or "orderer"
     */
    public void killAndRestart(String node) throws IOException, InterruptedException {
        script("restart-" + node, "kill");
    }

    @Override
    public void close() throws IOException {
        channels.forEach(ManagedChannel::shutdownNow);
        try {
            if (chaincode != null) {
                chaincode.destroy();
                chaincode.waitFor(10, TimeUnit.SECONDS);
            }
            keepLogs();
            script("down");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while taking the network down", e);
        }
    }

    /** Copies the logs to {@code <home>-logs} (down removes the home), for a failure to be looked into. */
    private void keepLogs() throws IOException {
        Path logs = home.resolveSibling(home.getFileName() + "-logs");
        Files.createDirectories(logs);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(home, "*.log")) {
            for (Path file : files) {
                Files.copy(file, logs.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (NoSuchFileException e) {
            // up failed before creating the home: nothing to keep
        }
    }

    /** The chaincode as a service in its own JVM, on this test's class path, without the peer CLI's env. */
    private void startChaincode(String address, String packageId, Timings timings)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED"));
        if (Runtime.version().feature() >= 23) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ProxyChaincode.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("chaincode.log").toFile());
        Map<String, String> childEnv = builder.environment();
        childEnv.keySet().removeIf(name -> name.startsWith("CORE_") || name.startsWith("FABRIC_"));
        childEnv.put("CHAINCODE_SERVER_ADDRESS", address);
        childEnv.put("CORE_CHAINCODE_ID_NAME", packageId);
        childEnv.put("CORE_PEER_TLS_ENABLED", "false");
        chaincode = builder.start();
        int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
        try {
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> !chaincode.isAlive() || listening(port));
        } catch (ConditionTimeoutException e) {
            // Reported below as not started.
        }
        if (!chaincode.isAlive() || !listening(port)) {
            throw new IOException("the chaincode did not start, see " + home.resolve("chaincode.log"));
        }
        timings.record("chaincode JVM start", started);
    }

    private void run(Timings timings, String what, String... args) throws IOException, InterruptedException {
        long started = System.nanoTime();
        script(args);
        timings.record("network.sh " + what, started);
    }

    /** Runs network.sh; returns its standard output, trimmed. */
    private String script(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("FABRIC_HOME", home.toString());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("network.sh " + String.join(" ", args) + " failed: " + out);
        }
        return out.trim();
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Wall-clock durations of the steps, printed by the test for docs/fabric.md. */
    public static final class Timings {
        private final StringBuilder lines = new StringBuilder();

        public void record(String step, long startedNanos) {
            lines.append(String.format(
                    "%s: %d ms%n", step, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos)));
        }

        public void note(String line) {
            lines.append(line).append(System.lineSeparator());
        }

        @Override
        public String toString() {
            return lines.toString();
        }
    }
}
