package io.camelot.ethereum;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.VoidResponse;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.Transfer;
import org.web3j.utils.Convert;

/**
 * A real local Ethereum node for tests: geth in dev mode (built by {@code deploy/ethereum/geth.sh
 * build}), with an in-memory chain on 127.0.0.1 and a free port, mining a block as soon as a
 * transaction arrives ({@code --dev.period 0}). Account 0 is geth's prefunded dev account; the
 * others are funded from it at start. Stopped on close.
 */
public final class DevChain implements AutoCloseable {
    /** geth's dev-mode chain id. */
    public static final long CHAIN_ID = 1337;

    /**
     * Private keys of the test accounts: geth's fixed dev key, then three well-known public keys
     * (ganache's deterministic accounts 1 to 3). Never use them elsewhere.
     */
    public static final List<String> KEYS = List.of(
            "0xb71c71a67e1177ad4e901695e1b4b9ee17ae16c6668d313eac2f96dbcda3f291",
            "0x6cbed15c793ce57650b9877cf6fa156fbef513c4e6134f022a85b1ffdd59b2a1",
            "0x6370fd033278c143179d81c5526140625662b8daa446c22ee2d73db3707e620c",
            "0x646f1ce2fdad0e6deeeb5c7e8e5543bdde65e86029e2fd9fc169899c440a7913");

    private static final BigDecimal FUNDING_ETHER = BigDecimal.valueOf(1000);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final String url;
    private final HttpService rpc;
    private final Web3j web3j;

    private DevChain(Process process, String url) {
        this.process = process;
        this.url = url;
        this.rpc = new HttpService(url);
        this.web3j = Web3j.build(rpc);
    }

    public static DevChain start(Path logDir) throws Exception {
        int port = freePort();
        Path log = logDir.resolve("geth-" + port + ".log");
        Process process = new ProcessBuilder(
                        executable().toString(),
                        "--dev",
                        "--dev.period",
                        "0",
                        // Room for a burst of transactions in one block: geth mines on arrival, and a
                        // transaction that did not fit the block sealed for its burst (11.5M gas by
                        // default, one 6M-gas transaction) waits for the next arrival, which may never
                        // come.
                        "--dev.gaslimit",
                        "300000000",
                        "--miner.gaslimit",
                        "300000000",
                        "--http",
                        "--http.addr",
                        "127.0.0.1",
                        "--http.port",
                        Integer.toString(port),
                        // dev: dev_addWithdrawal, which mineBlock uses.
                        "--http.api",
                        "eth,net,web3,dev",
                        "--ipcdisable")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        DevChain node = new DevChain(process, "http://127.0.0.1:" + port);
        try {
            node.awaitReady(log);
            node.awaitTransactionIndex();
            node.fundTestAccounts();
        } catch (Exception e) {
            node.close();
            throw e;
        }
        return node;
    }

    public String url() {
        return url;
    }

    public ChainSettings account(int index) {
        return ChainSettings.of(url, CHAIN_ID, KEYS.get(index));
    }

    /**
     * Mines one block without a transaction (geth mines only on transactions here), through an empty
     * withdrawal, so that no test account's nonce is used; returns once the head has moved on.
     */
    public void mineBlock() throws IOException, InterruptedException {
        long before = blockNumber();
        Map<String, String> withdrawal =
                Map.of("index", "0x0", "validatorIndex", "0x0", "address", "0x" + "00".repeat(20), "amount", "0x0");
        Response<?> added = new Request<>("dev_addWithdrawal", List.of(withdrawal), rpc, VoidResponse.class).send();
        if (added.hasError()) {
            throw new IOException("dev_addWithdrawal: " + added.getError().getMessage());
        }
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (blockNumber() <= before) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("geth mined no block within " + READY_TIMEOUT);
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        web3j.shutdown();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ready once eth_blockNumber answers. */
    private void awaitReady(Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("geth exited: " + Files.readString(log));
            }
            try {
                blockNumber();
                return;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("geth did not answer within " + READY_TIMEOUT);
    }

    /**
     * geth answers receipt queries with "transaction indexing is in progress" (which web3j takes for
     * a failure) until its indexer has seen a block after genesis; so mine one and wait for it.
     */
    private void awaitTransactionIndex() throws IOException, InterruptedException {
        mineBlock();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (web3j.ethSyncing().send().isSyncing()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("geth's transaction index not ready within " + READY_TIMEOUT);
            }
            Thread.sleep(50);
        }
    }

    /** Sends each test account but the dev account itself its ether from the dev account. */
    private void fundTestAccounts() throws Exception {
        try (Chain dev = Chain.connect(account(0))) {
            Transfer transfer = new Transfer(dev.web3j(), dev.transactions());
            for (String key : KEYS.subList(1, KEYS.size())) {
                transfer.sendFunds(
                                Credentials.create(key).getAddress(),
                                FUNDING_ETHER,
                                Convert.Unit.ETHER,
                                dev.settings().gasPrice(),
                                Transfer.GAS_LIMIT)
                        .send();
            }
        }
    }

    private long blockNumber() throws IOException {
        return web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
    }

    /**
     * The geth that {@code deploy/ethereum/geth.sh} built and cached (found from the working
     * directory or a parent), or {@code -Dcamelot.geth=PATH}.
     */
    private static Path executable() throws IOException, InterruptedException {
        String configured = System.getProperty("camelot.geth");
        if (configured != null) {
            return Path.of(configured);
        }
        Path script = Path.of("deploy", "ethereum", "geth.sh");
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(script))) {
                Process path = new ProcessBuilder("bash", dir.resolve(script).toString(), "path")
                        .redirectErrorStream(true)
                        .start();
                String out = new String(path.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                if (path.waitFor() != 0) {
                    throw new IllegalStateException(
                            "Ethereum tests need geth: " + out + ", or pass -Dcamelot.geth=/path/to/geth");
                }
                return Path.of(out);
            }
        }
        throw new IllegalStateException("Ethereum tests need geth: no "
                + script
                + " above "
                + Path.of("").toAbsolutePath()
                + "; pass -Dcamelot.geth=/path/to/geth");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
