package io.camelot.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camelot.pool.manager.ChildProcess;
import io.camelot.pool.manager.PoolIdentities;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.sdk.DirectTcsClient;
import io.camelot.sdk.Requester;
import io.camelot.sdk.VerifiedWorker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash harness for pool processes: a real {@code camelot serve --pool 2} with two WKMs, under load
 * from several SDK threads, has its WP and WKM child processes killed with SIGKILL at random
 * moments. The node's {@code LocalPool} starts each again (a WKM takes the current keys from the
 * other); the load never stops. At the end every acknowledged work order must have exactly one
 * verified result (its own input echoed, signed by the pool), nothing may be pending, every child
 * must have come back, and the pool must still serve.
 *
 * <p>A child is killed only once it is ready (a child killed while starting is a start failure, not
 * a crash), and a WKM only while the other one holds the keys: a pool with every WKM down cannot
 * serve, by design.
 */
class PoolCrashTest {
    static final int KILLS = 12;
    static final int WKM_KILLS = 3;
    static final int SUBMITTERS = 3;

    /**
     * Unfinished work orders per submitter: enough to keep every WP slot busy, few to drain at the
     * end.
     */
    static final int WINDOW = 8;

    static final List<String> WPS = List.of("wp-0", "wp-1");
    static final List<String> WKMS = List.of("wkm-0", "wkm-1");

    @TempDir
    Path dataDir;

    Process server;

    @RegisterExtension
    final CamelotProcesses processes = new CamelotProcesses();

    final Map<String, Integer> incarnations = new ConcurrentHashMap<>();

    @Test
    void sigkilledWpsAndWkmsLoseNoAcknowledgedWorkOrderAndThePoolKeepsServing() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<Boolean> wkmKill = new ArrayList<>(Collections.nCopies(KILLS, false));
        for (int i = 0; i < WKM_KILLS; i++) {
            wkmKill.set(i, true);
        }
        Collections.shuffle(wkmKill, random);

        Path config = dataDir.resolveSibling(dataDir.getFileName() + "-pool.toml");
        Files.writeString(config, "[pool]\nkey_managers = 2\n");
        int port = RestartTest.freePort();
        server = processes.serve(dataDir, port, "--pool", "2", "--config", config.toString());
        for (String child : WPS) {
            incarnations.put(child, 1);
        }
        for (String child : WKMS) {
            incarnations.put(child, 1);
        }

        CrashLoad load;
        try (DirectTcsClient client = DirectTcsClient.create("http://127.0.0.1:" + port)) {
            Requester requester = Requester.builder(client)
                    .requesterKey(Secp256k1.generate())
                    .allowSimulation()
                    .build();
            VerifiedWorker worker = RestartTest.awaitWorker(requester, PoolTest.POOL_ID);
            load = new CrashLoad(SUBMITTERS, requester, worker, "echo-result", false, WINDOW);

            int wkmKills = 0;
            for (int kill = 0; kill < KILLS; kill++) {
                LockSupport.parkNanos(
                        Duration.ofMillis(150 + random.nextInt(1200)).toNanos());
                String victim;
                if (wkmKill.get(kill)) {
                    int rejoined = wkmKills;
                    // Both WKMs up and the last restarted one holding the keys again.
                    await().atMost(Duration.ofMinutes(3))
                            .until(() -> WKMS.stream().allMatch(this::ready) && rejoins() == rejoined);
                    victim = WKMS.get(random.nextInt(WKMS.size()));
                    wkmKills++;
                } else {
                    List<String> ready = new ArrayList<>();
                    await().atMost(Duration.ofMinutes(3)).until(() -> {
                        ready.clear();
                        WPS.stream().filter(this::ready).forEach(ready::add);
                        return !ready.isEmpty();
                    });
                    victim = ready.get(random.nextInt(ready.size()));
                }
                ProcessHandle process =
                        child(victim).orElseThrow(() -> new AssertionError("no live process for " + victim));
                process.destroyForcibly();
                assertThat(process.onExit().get(30, TimeUnit.SECONDS).isAlive())
                        .as("SIGKILL #%d of %s", kill + 1, victim)
                        .isFalse();
                incarnations.merge(victim, 1, Integer::sum);
            }
            // Every child came back: a new incarnation of each killed one is ready, the WKMs hold the
            // keys.
            int rejoined = wkmKills;
            await().atMost(Duration.ofMinutes(3))
                    .until(() -> incarnations.keySet().stream().allMatch(this::ready) && rejoins() == rejoined);
            load.stop();
            assertThat(load.acknowledged)
                    .as("acknowledged work orders (seed %d)", seed)
                    .hasSizeGreaterThan(KILLS);

            // Every acknowledged work order has its own result, verified by the SDK against the pool key.
            for (CrashLoad.Acknowledged ack : load.acknowledged) {
                assertThat(ack.order().await(Duration.ofSeconds(120)).text(0))
                        .as("result of %s (seed %d)", ack.order().workOrderId(), seed)
                        .isEqualTo("RESULT: " + ack.input());
            }
            int storedInDoubt = load.storedInDoubt(client);
            // The restarted pool serves: a few more work orders, over both WPs.
            WorkOrders.assertEchoes(
                    WorkOrders.submitEchoes(requester, "after ", 6, worker), "after ", WorkOrders.POOL_WAIT);
            System.out.printf(
                    "PoolCrashTest seed %d: %d SIGKILLs (%d WKM, %d WP), %d acknowledged work orders, %d of %d in doubt stored, incarnations %s%n",
                    seed,
                    KILLS,
                    wkmKills,
                    KILLS - wkmKills,
                    load.acknowledged.size(),
                    storedInDoubt,
                    load.inDoubt.size(),
                    incarnations);
        }

        // A last SIGKILL of the node (its children follow), then the store holds every acknowledged
        // work order, done.
        server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        load.assertStoreHoldsEveryAcknowledged(dataDir.resolve("store"));
    }

    /**
     * Whether the latest incarnation of a child has reported ready (its log has one ready line each).
     */
    private boolean ready(String child) {
        Path log = dataDir.resolve("pool").resolve(child + ".log");
        try {
            return Files.exists(log)
                    && Files.readAllLines(log).stream()
                                    .filter(line -> line.startsWith(ChildProcess.READY))
                                    .count()
                            == incarnations.get(child)
                    && child(child).isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many restarted WKMs took the keys from the other one, from the node's log. */
    private long rejoins() throws IOException {
        return Files.readAllLines(CamelotProcesses.serveLog(dataDir)).stream()
                .filter(line -> line.contains("rejoined the pool"))
                .count();
    }

    /**
     * The live child process of the node that signs with this child's pool key. Its command line is
     * read from /proc: {@code ProcessHandle.Info} drops the arguments of a command line as long as a
     * JVM's class path.
     */
    private Optional<ProcessHandle> child(String name) {
        String keyArgument = "/" + PoolIdentities.keyFileName(name) + "\0";
        return server.descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p -> commandLine(p).contains(keyArgument))
                .findFirst();
    }

    private static String commandLine(ProcessHandle process) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline"));
        } catch (IOException e) {
            return ""; // it has exited
        }
    }
}
