package io.camelot.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The committed CLI and configuration references match the code. To regenerate them after changing
 * a command or a config record, run from the repository root: {@code ./mvnw -q verify -pl server
 * -am -Dtest=ReferenceDocsTest -Dsurefire.failIfNoSpecifiedTests=false -Dcamelot.docs.write=true}.
 */
class ReferenceDocsTest {
    static final String REGENERATE =
            "./mvnw -q verify -pl server -am -Dtest=ReferenceDocsTest -Dsurefire.failIfNoSpecifiedTests=false -Dcamelot.docs.write=true";

    @ParameterizedTest
    @ValueSource(strings = {ReferenceDocs.CLI_FILE, ReferenceDocs.CONFIG_FILE})
    void theCommittedReferenceIsCurrent(String file) throws IOException {
        String generated =
                file.equals(ReferenceDocs.CLI_FILE) ? ReferenceDocs.cliReference() : ReferenceDocs.configReference();
        Path path = repositoryRoot().resolve(file);
        if (Boolean.getBoolean("camelot.docs.write")) {
            Files.writeString(path, generated, StandardCharsets.UTF_8);
        }
        String committed = Files.exists(path) ? Files.readString(path, StandardCharsets.UTF_8) : "";
        assertThat(committed)
                .as("%s is stale; regenerate it from the repository root with:%n  %s%n", file, REGENERATE)
                .isEqualTo(generated);
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no repository root (a directory with mvnw) above "
                    + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
