package io.camelot.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeAssemblyTest {
    private final List<String> closed = new ArrayList<>();

    /** A part that records its close, or fails it with {@code failure}. */
    private AutoCloseable part(String name, Exception failure) {
        return () -> {
            closed.add(name);
            if (failure != null) {
                throw failure;
            }
        };
    }

    private AutoCloseable part(String name) {
        return part(name, null);
    }

    @Test
    void aStartThatFailsAtAStepClosesTheStepsBeforeItNewestFirst() {
        IllegalStateException third = new IllegalStateException("step 3 failed");
        assertThatThrownBy(() -> NodeAssembly.start(parts -> {
                    parts.add(part("1"));
                    parts.add(part("2"));
                    throw third;
                }))
                .isSameAs(third)
                .satisfies(e -> assertThat(e.getSuppressed()).isEmpty());
        assertThat(closed).containsExactly("2", "1");
    }

    @Test
    void aFailedStartReportsPartsThatFailedToCloseAndStillClosesTheRest() {
        IOException stuck = new IOException("2 would not close");
        assertThatThrownBy(() -> NodeAssembly.start(parts -> {
                    parts.add(part("1"));
                    parts.add(part("2", stuck));
                    parts.add(part("3"));
                    throw new IllegalArgumentException("step 4 failed");
                }))
                .hasMessage("step 4 failed")
                .satisfies(e -> assertThat(e.getSuppressed()).containsExactly(stuck));
        assertThat(closed).containsExactly("3", "2", "1");
    }

    @Test
    void aCloseWhereOnePartThrowsStillClosesTheOthersAndReportsIt() {
        IllegalStateException second = new IllegalStateException("2 failed");
        IllegalStateException fourth = new IllegalStateException("4 failed");
        NodeAssembly assembly = NodeAssembly.start(parts -> {
            parts.add(part("1"));
            parts.add(part("2", second));
            parts.add(part("3"));
            parts.add(part("4", fourth));
            return parts;
        });
        assertThat(closed).isEmpty();

        assertThatThrownBy(assembly::close)
                .isSameAs(fourth)
                .satisfies(e -> assertThat(e.getSuppressed()).containsExactly(second));
        assertThat(closed).containsExactly("4", "3", "2", "1");
    }

    @Test
    void aCheckedFailureOnCloseIsReportedUncheckedAndClosingAgainDoesNothing() {
        IOException io = new IOException("disk gone");
        NodeAssembly assembly = NodeAssembly.start(parts -> {
            parts.add(part("1"));
            parts.add(part("2", io));
            return parts;
        });

        assertThatThrownBy(assembly::close)
                .isInstanceOf(IllegalStateException.class)
                .hasCause(io);
        assembly.close();
        assertThat(closed).containsExactly("2", "1");
    }
}
