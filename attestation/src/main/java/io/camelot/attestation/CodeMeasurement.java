package io.camelot.attestation;

import io.camelot.protocol.hash.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The simulated MRENCLAVE: SHA-256 over the code artifacts (jars or class directories) the given
 * classes were loaded from, each file named by its path relative to its artifact. The same build
 * gives the same measurement; it says nothing about what actually runs, since no hardware measured
 * it.
 */
public final class CodeMeasurement {
    private CodeMeasurement() {}

    public static byte[] of(Class<?>... classes) {
        TreeMap<String, byte[]> files = new TreeMap<>();
        for (Class<?> type : classes) {
            Path artifact = artifactOf(type);
            for (Path file : filesOf(artifact)) {
                String name = artifact.getFileName() + "/"
                        + artifact.relativize(file).toString().replace('\\', '/');
                files.put(name, Sha256.digest(read(file)));
            }
        }
        List<byte[]> parts = new ArrayList<>();
        files.forEach((name, digest) -> {
            parts.add(name.getBytes(StandardCharsets.UTF_8));
            parts.add(new byte[] {0});
            parts.add(digest);
        });
        return Sha256.digestConcat(parts.toArray(byte[][]::new));
    }

    private static Path artifactOf(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null) {
            throw new IllegalArgumentException(type + " has no code source to measure");
        }
        try {
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot locate the code of " + type, e);
        }
    }

    private static List<Path> filesOf(Path artifact) {
        if (!Files.isDirectory(artifact)) {
            return List.of(artifact);
        }
        try (Stream<Path> walk = Files.walk(artifact)) {
            return walk.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure " + artifact, e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure " + file, e);
        }
    }
}
