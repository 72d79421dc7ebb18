package io.camelot.bridge;

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
    void absentUntilSavedThenTheLastSavedCheckpointSurvivesReopening() {
        Path file = dir.resolve("sub").resolve("bridge.checkpoint");
        assertThat(new FileCheckpoint(file).load()).isEmpty();
        new FileCheckpoint(file).save(Checkpoint.throughBlock(41));
        new FileCheckpoint(file).save(new Checkpoint(42, "5f3a9c"));
        assertThat(new FileCheckpoint(file).load()).hasValue(new Checkpoint(42, "5f3a9c"));
        new FileCheckpoint(file).save(Checkpoint.throughBlock(42));
        assertThat(new FileCheckpoint(file).load()).hasValue(Checkpoint.throughBlock(42));
        assertThat(file.resolveSibling("bridge.checkpoint.tmp")).doesNotExist();
    }

    @Test
    void aFileHoldingOnlyABlockNumberIsThatWholeBlock() throws Exception {
        Path file = dir.resolve("bridge.checkpoint");
        Files.writeString(file, "17\n");
        assertThat(new FileCheckpoint(file).load()).hasValue(Checkpoint.throughBlock(17));
    }

    @Test
    void aCorruptCheckpointIsAnErrorNotAFreshStart() throws Exception {
        Path file = dir.resolve("bridge.checkpoint");
        Files.writeString(file, "not a block");
        assertThatThrownBy(() -> new FileCheckpoint(file).load())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not start with a block number");
    }
}
