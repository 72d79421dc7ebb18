package io.camelot.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelot.protocol.boundary.ApiSurface;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Enforces what a requester sees through the SDK (design review 8): its code uses nothing from
 * {@code io.camelot.protocol.internal} (the worker's half of the envelope, the caller-IV cipher),
 * and its public signatures name only the SDK's own types, the wire model, the JDK and Jackson,
 * plus the few listed types a requester must hold or receive.
 */
class SdkApiBoundaryTest {
    private static final ApiSurface SDK = ApiSurface.of(Requester.class);

    private static final List<String> ALLOWED_PACKAGES =
            List.of("io.camelot.sdk.", "io.camelot.protocol.model.", "java.", "com.fasterxml.jackson.databind.");

    /**
     * Types outside those packages that the SDK's signatures need: the requester's signing key and a
     * worker's public keys (protocol's crypto primitives, implementations hidden), the receipt status
     * a requester writes, the plaintext outputs and third-party inputs of a work order, the
     * attestation policy's vocabulary, and the Vert.x instance and options a caller may share.
     */
    private static final Set<String> ALLOWED_TYPES = Set.of(
            "io.camelot.protocol.crypto.PublicKeySign",
            "io.camelot.protocol.crypto.PublicKeyVerify",
            "io.camelot.protocol.crypto.KeyWrapPublicKey",
            "io.camelot.protocol.ReceiptStatus",
            "io.camelot.protocol.envelope.PlainItem",
            "io.camelot.protocol.envelope.DataKeyItem",
            "io.camelot.attestation.TeeKind",
            "io.camelot.attestation.TcbStatus",
            "io.camelot.attestation.Verdict",
            "io.camelot.attestation.IasReportVerifier",
            "io.camelot.attestation.DcapQuoteVerifier",
            "io.vertx.core.Vertx",
            "io.vertx.core.http.HttpClientOptions");

    private static boolean inAllowedPackage(Class<?> type) {
        return ALLOWED_PACKAGES.stream().anyMatch(type.getName()::startsWith);
    }

    @Test
    void sdkCodeUsesNothingInternal() {
        assertThat(SDK.classes()).hasSizeGreaterThan(20);
        assertThat(SDK.referencing("io.camelot.protocol.internal.")).isEmpty();
    }

    @Test
    void publicSignaturesExposeOnlyTheRequesterSurface() {
        List<ApiSurface.Exposure> outside = ApiSurface.leaks(SDK.classes(), SdkApiBoundaryTest::inAllowedPackage);

        // Exactly the listed types: a new one fails here, and so does a listed one no longer needed.
        assertThat(outside.stream().map(e -> e.type().getName()).distinct())
                .as("public SDK signatures outside the allowed packages: %s", outside)
                .containsExactlyInAnyOrderElementsOf(ALLOWED_TYPES);
    }

    @Test
    void onlyTheVerifierMakesAVerifiedWorker() throws IOException {
        assertThat(Modifier.isFinal(VerifiedWorker.class.getModifiers())).isTrue();
        assertThat(VerifiedWorker.class.getConstructors()).isEmpty();
        assertThat(VerifiedWorker.class.getDeclaredConstructors())
                .allMatch(c -> !Modifier.isPublic(c.getModifiers()) && !Modifier.isProtected(c.getModifiers()));
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            assertThat(sources.filter(f -> f.toString().endsWith(".java"))
                            .filter(f -> read(f).contains("new VerifiedWorker("))
                            .map(f -> f.getFileName().toString()))
                    .containsExactly("WorkerVerifier.java");
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
