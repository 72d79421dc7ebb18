package io.camelot.attestation;

import io.camelot.protocol.crypto.CryptoException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files holding secrets: created owner-only (0600, directories 0700) from the first byte, so there
 * is no window in which the umask applies, and written to a temporary file that is fsynced before
 * the atomic rename, so a power loss leaves the old file or the new one, never an empty one.
 */
public final class SealedFile {
    private static final String AAD_PREFIX = "camelot-sealed-v1:";

    private SealedFile() {}

    /** The associated data a {@link Tee} seals a blob of {@code kind} under. */
    static byte[] associatedData(String kind) {
        if (kind == null || kind.isEmpty()) {
            throw new IllegalArgumentException("a sealed blob needs a kind");
        }
        return (AAD_PREFIX + kind).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Unseals {@code file} as {@code kind}. A blob sealed before kinds existed (no associated data)
     * opens once and is re-sealed with its kind, so data directories from older versions keep
     * working.
     */
    public static byte[] read(Tee tee, String kind, Path file) throws IOException {
        byte[] sealed = Files.readAllBytes(file);
        try {
            return tee.unseal(kind, sealed);
        } catch (CryptoException bound) {
            byte[] plaintext;
            try {
                plaintext = tee.unsealUnbound(sealed);
            } catch (CryptoException unbound) {
                throw bound;
            }
            write(tee, kind, file, plaintext);
            return plaintext;
        }
    }

    /** Seals {@code plaintext} as {@code kind} and replaces {@code file} with it atomically. */
    public static void write(Tee tee, String kind, Path file, byte[] plaintext) throws IOException {
        Path temporary = writeTemporary(file, tee.seal(kind, plaintext));
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Creates {@code file} holding {@code bytes} unless it exists.
     *
     * @throws FileAlreadyExistsException if another process created it first
     */
    static void createNew(Path file, byte[] bytes) throws IOException {
        Path temporary = writeTemporary(file, bytes);
        try {
            // A link, unlike a rename, never replaces: the first writer wins and readers see all 32
            // bytes.
            Files.createLink(file, temporary);
        } finally {
            Files.delete(temporary);
        }
    }

    /**
     * Creates {@code directory} and its missing parents owner-only (0700); existing ones are left as
     * they are.
     */
    static void createDirectories(Path directory) throws IOException {
        if (posix(directory)) {
            Files.createDirectories(
                    directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(directory);
        }
    }

    private static Path writeTemporary(Path file, byte[] bytes) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        createDirectories(directory);
        FileAttribute<?>[] ownerOnly = posix(directory)
                ? new FileAttribute<?>[] {
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
                }
                : new FileAttribute<?>[0];
        Path temporary = Files.createTempFile(directory, file.getFileName() + ".", ".tmp", ownerOnly);
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        return temporary;
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
