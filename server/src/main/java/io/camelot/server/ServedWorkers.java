package io.camelot.server;

import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.WorkerStatus;
import io.camelot.protocol.model.WorkerRecord;
import io.camelot.store.TcsStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the Worker Directory of {@code serve}'s embedded store truthful about which workers run: on
 * that store only this process serves workers, so at start an ACTIVE worker it does not serve (a
 * pool that is no longer started, a registered record nobody runs) becomes OFF_LINE, and one it
 * took off-line becomes ACTIVE again once it is served. The Ethereum bridge copies the status on
 * chain.
 *
 * <p>The ids taken off-line here are listed in {@code unserved-workers} in the data directory, so a
 * status the operator set (OFF_LINE, COMPROMISED, DECOMMISSIONED; security review M2) is never
 * changed: only ACTIVE workers are taken off-line, and only listed OFF_LINE ones come back. The
 * list is written before the directory when a worker goes off-line and after it when one comes
 * back, so a crash in between leaves a listed ACTIVE worker, which the next start settles. Left as
 * is: an operator who sets OFF_LINE on a worker already listed here sees it come back with its
 * process.
 */
final class ServedWorkers {
    private static final Logger log = LoggerFactory.getLogger(ServedWorkers.class);
    private static final String FILE = "unserved-workers";

    private ServedWorkers() {}

    /**
     * Takes the ACTIVE workers that {@code served} refuses off-line and brings back the served ones
     * this process took off-line.
     *
     * @param names worker names by id where known, for the log
     */
    static void sync(TcsStore store, Predicate<String> served, Path dataDir, Map<String, String> names) {
        Path file = dataDir.resolve(FILE);
        Set<String> listed = read(file);
        Set<String> before = Set.copyOf(listed);
        for (String id : store.workerIds()) {
            Optional<WorkerRecord> record = record(store, id);
            Integer status = record.map(WorkerRecord::status).orElse(null);
            String name = names.getOrDefault(id, id);
            if (served.test(id)) {
                if (listed.remove(id) && status != null && status == WorkerStatus.OFF_LINE.code()) {
                    store.putWorker(id, ProtocolJson.toBytes(record.get().withStatus(WorkerStatus.ACTIVE.code())));
                    log.info("Worker {} is served again: ACTIVE", name);
                }
            } else if (status != null && status == WorkerStatus.ACTIVE.code()) {
                listed.add(id);
                write(file, listed);
                store.putWorker(id, ProtocolJson.toBytes(record.get().withStatus(WorkerStatus.OFF_LINE.code())));
                log.info("Worker {} is served by no process: OFF_LINE until it is served again", name);
            } else if (status == null || status != WorkerStatus.OFF_LINE.code()) {
                // The operator set another status meanwhile: theirs from now on.
                listed.remove(id);
            }
        }
        if (!listed.equals(before)) {
            write(file, listed);
        }
    }

    private static Optional<WorkerRecord> record(TcsStore store, String id) {
        try {
            return store.worker(id).map(bytes -> ProtocolJson.bind(bytes, WorkerRecord.class));
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private static Set<String> read(Path file) {
        try {
            return Files.exists(file)
                    ? Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                            .map(line -> URLDecoder.decode(line, StandardCharsets.UTF_8))
                            .collect(Collectors.toCollection(TreeSet::new))
                    : new TreeSet<>();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Replaces the list at once, so a crash leaves the old or the new one. */
    private static void write(Path file, Set<String> ids) {
        try {
            Path temp = file.resolveSibling(FILE + ".tmp");
            // Encoded, so that an id holding a line break stays one line.
            Files.write(
                    temp,
                    ids.stream()
                            .map(id -> URLEncoder.encode(id, StandardCharsets.UTF_8))
                            .toList(),
                    StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
