package io.camelot.attestation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An IAS attestation verification report as IAS returned it.
 *
 * @param body the exact response body bytes, which the signature covers
 * @param signatureBase64 the X-IASReport-Signature header
 * @param certificatesPem the URL-decoded X-IASReport-Signing-Certificate header: leaf, then CA
 */
public record IasEvidence(byte[] body, String signatureBase64, String certificatesPem) {
    public static final String BODY_SUFFIX = ".body.json";

    /**
     * Reads {@code NAME.body.json} with its {@code NAME.sig.b64} and {@code NAME.certs.pem} siblings.
     */
    public static IasEvidence fromFiles(Path bodyFile) {
        String name = bodyFile.getFileName().toString();
        if (!name.endsWith(BODY_SUFFIX)) {
            throw new IllegalArgumentException(bodyFile + " is not named NAME" + BODY_SUFFIX);
        }
        String stem = name.substring(0, name.length() - BODY_SUFFIX.length());
        try {
            return new IasEvidence(
                    Files.readAllBytes(bodyFile),
                    Files.readString(bodyFile.resolveSibling(stem + ".sig.b64"), StandardCharsets.US_ASCII)
                            .strip(),
                    Files.readString(bodyFile.resolveSibling(stem + ".certs.pem"), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read IAS report " + bodyFile + " and its siblings", e);
        }
    }
}
