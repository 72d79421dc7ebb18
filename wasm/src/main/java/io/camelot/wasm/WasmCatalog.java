package io.camelot.wasm;

import io.camelot.workload.Workload;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WASM workloads a worker offers: the operator's registered modules, each checked against the
 * SHA-256 the operator wrote down, the built-in examples if wanted, and {@code wasm-inline}.
 */
public final class WasmCatalog {
    /** Where the built-in examples live on the classpath (the camelot-wasm-examples jar). */
    static final String EXAMPLES = "wasm/";

    private static final Logger log = LoggerFactory.getLogger(WasmCatalog.class);

    /** An operator-registered module: its workload name, file and expected lower-hex SHA-256. */
    public record Entry(String name, Path file, String sha256) {}

    /**
     * @param inlineAllowed whether requesters may send their own module in the work order
     * @throws IllegalArgumentException if a module is missing, invalid, or not the one registered
     */
    public static List<Workload> load(
            List<Entry> entries,
            boolean builtinExamples,
            boolean inlineAllowed,
            int inlineMaxBytes,
            WasmLimits limits) {
        WasmRunner runner = new WasmRunner(limits);
        List<Workload> workloads = new ArrayList<>();
        if (builtinExamples) {
            for (String name : exampleNames()) {
                WasmBinary binary = WasmBinary.parse(example(name));
                workloads.add(new WasmWorkload(name, binary, runner));
                log.info("WASM example {} (sha256 {})", name, binary.sha256());
            }
        }
        for (Entry entry : entries) {
            workloads.add(new WasmWorkload(entry.name(), registered(entry), runner));
            log.info("WASM module {} from {} (sha256 {})", entry.name(), entry.file(), entry.sha256());
        }
        workloads.add(new InlineWasmWorkload(inlineAllowed, inlineMaxBytes, runner));
        return workloads;
    }

    private static WasmBinary registered(Entry entry) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(entry.file());
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot read WASM module " + entry.name() + " at " + entry.file() + ": " + e);
        }
        String actual = WasmBinary.sha256Hex(bytes);
        if (!actual.equalsIgnoreCase(entry.sha256())) {
            throw new IllegalArgumentException("WASM module "
                    + entry.name()
                    + " at "
                    + entry.file()
                    + " has SHA-256 "
                    + actual
                    + ", but "
                    + entry.sha256()
                    + " is registered");
        }
        try {
            return WasmBinary.parse(bytes);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("WASM module " + entry.name() + ": " + e.getMessage());
        }
    }

    /** The names of the built-in example modules, as listed by their build. */
    public static List<String> exampleNames() {
        byte[] list = resource(EXAMPLES + "catalog.txt");
        if (list == null) {
            return List.of();
        }
        return new String(list, StandardCharsets.UTF_8)
                .lines()
                .filter(line -> !line.isBlank())
                .toList();
    }

    /** The bytes of a built-in example module. */
    public static byte[] example(String name) {
        byte[] bytes = resource(EXAMPLES + name + ".wasm");
        if (bytes == null) {
            throw new IllegalArgumentException("no built-in WASM example named " + name);
        }
        return bytes;
    }

    private static byte[] resource(String path) {
        try (InputStream in = WasmCatalog.class.getClassLoader().getResourceAsStream(path)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path + " from the classpath", e);
        }
    }
}
