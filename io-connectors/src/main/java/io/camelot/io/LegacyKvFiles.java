package io.camelot.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The values an earlier {@code kv} connector kept one file per key under {@code kv_dir} ({@code
 * <sha256(workload)>/<sha256(key)>}), keyed as the store keeps them now. The sealed bytes move
 * unchanged: the associated data is the workload and key, not the place, so they open as before.
 */
public final class LegacyKvFiles {
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private LegacyKvFiles() {}

    /**
     * @return store key (with {@link ConnectorState#STORE_PREFIX}) to sealed value
     */
    public static Map<String, byte[]> read(Path directory, String workerId) {
        Map<String, byte[]> values = new HashMap<>();
        String keyspace = ConnectorState.STORE_PREFIX + KeyValueConnector.keyspace(workerId);
        try (Stream<Path> workloads = Files.list(directory)) {
            for (Path workload :
                    workloads.filter(LegacyKvFiles::isHashDirectory).toList()) {
                for (Path value : hashFiles(workload)) {
                    values.put(
                            keyspace + workload.getFileName() + "/" + value.getFileName(), Files.readAllBytes(value));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the kv files under " + directory, e);
        }
        return values;
    }

    private static boolean isHashDirectory(Path path) {
        return Files.isDirectory(path)
                && HASH.matcher(path.getFileName().toString()).matches();
    }

    /** Left-over {@code kv*.tmp} files of an interrupted write-then-rename are not values. */
    private static List<Path> hashFiles(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> Files.isRegularFile(file)
                            && HASH.matcher(file.getFileName().toString()).matches())
                    .toList();
        }
    }
}
