package io.camelot.ethereum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileCheckpointTest {
    @TempDir
    Path dir;

    @Test
    void absentUntilSavedThenTheLastSavedBlockSurvivesReopening() {
        Path file = dir.resolve("sub").resolve("bridge.checkpoint");
        assertThat(new FileCheckpoint(file).load()).isEmpty();
        new FileCheckpoint(file).save(41);
        new FileCheckpoint(file).save(42);
        assertThat(new FileCheckpoint(file).load()).hasValue(42);
        assertThat(file.resolveSibling("bridge.checkpoint.tmp")).doesNotExist();
    }

    @Test
    void aCorruptCheckpointIsAnErrorNotAFreshStart() throws Exception {
        Path file = dir.resolve("bridge.checkpoint");
        Files.writeString(file, "not a block");
        assertThatThrownBy(() -> new FileCheckpoint(file).load())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not a block number");
    }
}
