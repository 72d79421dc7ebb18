package io.camelot.wasm;

import io.camelot.workload.ExternalIo;
import io.camelot.workload.WorkloadContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The test modules assembled from wasm-examples/src/test/wat, and a context to run them in. */
final class TestModules {
    private TestModules() {}

    static byte[] bytes(String name) {
        try (InputStream in = TestModules.class.getClassLoader().getResourceAsStream("wasm-test/" + name + ".wasm")) {
            if (in == null) {
                throw new IllegalArgumentException("no test module " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A context with in-memory state, the given connectors, and a record of log lines. */
    static final class Context implements WorkloadContext {
        final Map<String, byte[]> state = new HashMap<>();
        final List<String> logged = new ArrayList<>();
        private final ExternalIo io;

        Context(ExternalIo io) {
            this.io = io;
        }

        @Override
        public Optional<byte[]> state(String key) {
            return Optional.ofNullable(state.get(key));
        }

        @Override
        public void putState(String key, byte[] value) {
            state.put(key, value);
        }

        @Override
        public ExternalIo io() {
            return io;
        }

        @Override
        public void log(String message) {
            logged.add(message);
        }
    }
}
