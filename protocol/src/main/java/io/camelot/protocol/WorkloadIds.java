package io.camelot.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The wire form of a workload name: {@code workloadId} is the lower-case hex of its UTF-8 bytes
 * ({@code echo-result} is {@code 6563686f2d726573756c74}). It is hashed and echoed as sent; only
 * the worker decodes it, to pick the workload.
 */
public final class WorkloadIds {
    private WorkloadIds() {}

    public static String of(String workloadName) {
        return HexFormat.of().formatHex(workloadName.getBytes(StandardCharsets.UTF_8));
    }

    /** The workload name, or empty if the id is not hex of valid UTF-8. */
    public static Optional<String> name(String workloadId) {
        try {
            byte[] bytes = Hex.decode(Params.stripHexPrefix(workloadId));
            return Optional.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
