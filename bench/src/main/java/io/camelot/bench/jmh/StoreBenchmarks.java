package io.camelot.bench.jmh;

import io.camelot.protocol.hash.Sha256;
import io.camelot.store.LmdbTcsStore;
import io.camelot.store.TcsStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The store's share of a work order: the submit transaction and the complete transaction, each
 * durable (synced) on return, with a request and a response of echo size for a 1 KiB input.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--enable-native-access=ALL-UNNAMED"
        })
@State(Scope.Benchmark)
public class StoreBenchmarks {
    private static final String WORKER_ID = "cd".repeat(32);

    private final AtomicLong ids = new AtomicLong();
    private Path dataDir;
    private TcsStore store;
    private byte[] request;
    private byte[] response;

    @Setup
    public void open() throws IOException {
        dataDir = Files.createTempDirectory("camelot-jmh-store-");
        store = LmdbTcsStore.open(dataDir);
        request = new byte[2600];
        response = new byte[2000];
        Arrays.fill(request, (byte) 'q');
        Arrays.fill(response, (byte) 'r');
    }

    @TearDown
    public void close() {
        store.close();
        try (Stream<Path> paths = Files.walk(dataDir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Submit then complete one work order: the two write transactions every work order costs. */
    @Benchmark
    public boolean submitAndComplete() {
        return writeOne();
    }

    /** The same from two threads at once, as two worker threads and the listener would. */
    @Benchmark
    @Threads(2)
    public boolean submitAndCompleteTwoThreads() {
        return writeOne();
    }

    private boolean writeOne() {
        String id = String.format("%064x", ids.incrementAndGet());
        store.submit(id, WORKER_ID, Sha256.digest(id), request, System.currentTimeMillis());
        return store.complete(new TcsStore.Completion(id, response, System.currentTimeMillis(), Map.of(), null));
    }
}
