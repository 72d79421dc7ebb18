package io.camelot.bridge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The bridge's {@link Checkpoint} in a small text file: the block number, then the transaction id
 * when only part of that block is handled. Saved by writing a synced temporary file and renaming it
 * over the old one, so a crash leaves either the old or the new value, never a torn one.
 */
public final class FileCheckpoint {
    private final Path file;

    public FileCheckpoint(Path file) {
        this.file = file.toAbsolutePath();
    }

    public Optional<Checkpoint> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bridge checkpoint " + file, e);
        }
        String[] fields = text.split(" ", 2);
        try {
            return Optional.of(new Checkpoint(Long.parseLong(fields[0]), fields.length == 2 ? fields[1] : ""));
        } catch (NumberFormatException e) {
            throw new IllegalStateException("the bridge checkpoint " + file + " does not start with a block number", e);
        }
    }

    public void save(Checkpoint checkpoint) {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        String text = checkpoint.wholeBlock()
                ? checkpoint.block() + "\n"
                : checkpoint.block() + " " + checkpoint.transactionId() + "\n";
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel out = FileChannel.open(
                    temporary,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                out.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
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
