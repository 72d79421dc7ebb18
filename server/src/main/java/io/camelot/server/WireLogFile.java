package io.camelot.server;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelot.sdk.WireLog;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Base64;

/**
 * {@code camelot submit --wire-log FILE}: appends one JSON object per line for each body exchanged,
 * {@code {"direction": "request"|"response", "url", "at": ISO-8601, "body"}}.
 *
 * <p>{@code body} is the exact body as a JSON string rather than embedded JSON: a TCS may answer
 * with newlines, spacing or escapes that re-serializing would change. Decoding the string and
 * encoding it as UTF-8 gives back the bytes on the wire; a body that is not UTF-8 is written as
 * {@code bodyBase64} instead. Non-ASCII is escaped, so a line holds no line separator of any kind.
 */
final class WireLogFile implements WireLog, Closeable {
    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private final Path path;
    private final OutputStream out;

    private WireLogFile(Path path, OutputStream out) {
        this.path = path;
        this.out = out;
    }

    static WireLogFile open(Path path) throws IOException {
        return new WireLogFile(path, Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
    }

    /** Why {@link #open} failed, in words for a one-line CLI error. */
    static String reason(IOException e) {
        return switch (e) {
            case AccessDeniedException denied -> "permission denied";
            case NoSuchFileException missing -> "its directory does not exist";
            case FileSystemException other when other.getReason() != null -> other.getReason();
            default -> e.getMessage();
        };
    }

    @Override
    public synchronized void exchanged(Direction direction, String url, byte[] body) {
        ObjectNode line = JSON.createObjectNode()
                .put("direction", direction == Direction.REQUEST ? "request" : "response")
                .put("url", url)
                .put("at", Instant.now().toString());
        try {
            line.put(
                    "body",
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .decode(ByteBuffer.wrap(body))
                            .toString());
        } catch (CharacterCodingException e) {
            line.put("bodyBase64", Base64.getEncoder().encodeToString(body));
        }
        try {
            // One unbuffered write per line: each line reaches the file whole, even if the process dies
            // next or another process appends to the same file.
            out.write((JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write wire log " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close wire log " + path + ": " + e.getMessage(), e);
        }
    }
}
