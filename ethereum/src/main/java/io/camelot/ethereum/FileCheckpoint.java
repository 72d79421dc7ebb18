package io.camelot.ethereum;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;

/**
 * The last block whose work orders are all completed on chain, in a small text file. Saved by
 * writing a synced temporary file and renaming it over the old one, so a crash leaves either the
 * old or the new value, never a torn one.
 */
public final class FileCheckpoint {
    private final Path file;

    public FileCheckpoint(Path file) {
        this.file = file.toAbsolutePath();
    }

    public OptionalLong load() {
        if (!Files.exists(file)) {
            return OptionalLong.empty();
        }
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return OptionalLong.of(Long.parseLong(text));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bridge checkpoint " + file, e);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("the bridge checkpoint " + file + " is not a block number", e);
        }
    }

    public void save(long block) {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel out = FileChannel.open(
                    temporary,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                out.write(ByteBuffer.wrap((block + "\n").getBytes(StandardCharsets.US_ASCII)));
                out.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the bridge checkpoint " + file, e);
        }
    }

    public Path file() {
        return file;
    }
}
