package io.camelot.attestation;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the shared genuine Intel test data: {@code shared/testdata/attestation} beside the
 * repository (../shared from the repository root; worktrees sit one level deeper, so every parent
 * of the working directory is tried). Missing data fails the test: it must not be skipped silently.
 */
public final class GenuineTestData {
    private static final String RELATIVE = "shared/testdata/attestation";

    private GenuineTestData() {}

    public static Path root() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RELATIVE);
            if (Files.isRegularFile(candidate.resolve("PROVENANCE.md"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("genuine attestation test data not found: expected "
                + RELATIVE
                + "/PROVENANCE.md in a parent of "
                + start
                + " (../../shared/testdata/attestation from the module"
                + " directory of the main checkout)");
    }

    public static Path resolve(String relative) {
        return root().resolve(relative);
    }
}
