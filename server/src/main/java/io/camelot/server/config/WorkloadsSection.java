package io.camelot.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** {@code [workloads]}: WASM runtime workloads and External IO (docs/workloads.md). */
public record WorkloadsSection(
        @JsonPropertyDescription("offer the example modules built into the distribution")
        @JsonProperty("builtin_examples")
        boolean builtinExamples,

        @JsonPropertyDescription("let requesters send their own module as workload wasm-inline")
        @JsonProperty("inline_modules")
        boolean inlineModules,

        @JsonPropertyDescription("the largest inline module accepted, in bytes") @JsonProperty("inline_max_bytes")
        int inlineMaxBytes,

        @JsonPropertyDescription("per WASM work order: the instruction budget") @JsonProperty("max_instructions")
        long maxInstructions,

        @JsonPropertyDescription("per WASM work order: 64 KiB pages of linear memory") @JsonProperty("max_memory_pages")
        int maxMemoryPages,

        @JsonPropertyDescription("per WASM work order: the wall-clock limit") @JsonProperty("timeout_ms")
        long timeoutMs,

        @JsonProperty("kv_dir")
        @JsonPropertyDescription(
                "deprecated: kv files of earlier releases, imported into the store at start; \"\" = kv in data_dir")
        String kvDir,

        @JsonPropertyDescription("[[workloads.modules]]: operator-registered WASM modules (name, file, sha256)")
        List<Module> modules,

        @JsonPropertyDescription("[[workloads.grants]]: which workload may call which connector (workload, connector,"
                + " allowed_hosts, methods, max_bytes, trust_pem)")
        List<Grant> grants) {

    public WorkloadsSection {
        modules = modules == null ? List.of() : List.copyOf(modules);
        grants = grants == null ? List.of() : List.copyOf(grants);
    }

    public static WorkloadsSection defaults() {
        return new WorkloadsSection(true, false, 1 << 20, 100_000_000L, 256, 10_000, "", List.of(), List.of());
    }

    public static Builder builder() {
        return defaults().toBuilder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** {@code [[workloads.modules]]}: a WASM module file registered under a workload name. */
    public record Module(String name, String file, String sha256) {}

    /**
     * {@code [[workloads.grants]]}: lets {@code workload} call {@code connector}.
     *
     * @param allowedHosts https only: {@code host} (port 443) or {@code host:port}
     * @param methods https only: allowed HTTP methods; default GET
     * @param maxBytes largest request, response or stored value; default 1 MiB
     * @param trustPem https only: a PEM file of the roots to trust instead of the JDK's
     */
    public record Grant(
            String workload,
            String connector,
            @JsonProperty("allowed_hosts") List<String> allowedHosts,
            List<String> methods,
            @JsonProperty("max_bytes") long maxBytes,
            @JsonProperty("trust_pem") String trustPem) {
        public Grant {
            allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
            methods = methods == null ? List.of("GET") : List.copyOf(methods);
            maxBytes = maxBytes == 0 ? 1 << 20 : maxBytes;
            trustPem = trustPem == null ? "" : trustPem;
        }
    }

    public static final class Builder {
        private boolean builtinExamples;
        private boolean inlineModules;
        private int inlineMaxBytes;
        private long maxInstructions;
        private int maxMemoryPages;
        private long timeoutMs;
        private String kvDir;
        private List<Module> modules;
        private List<Grant> grants;

        private Builder(WorkloadsSection from) {
            builtinExamples = from.builtinExamples;
            inlineModules = from.inlineModules;
            inlineMaxBytes = from.inlineMaxBytes;
            maxInstructions = from.maxInstructions;
            maxMemoryPages = from.maxMemoryPages;
            timeoutMs = from.timeoutMs;
            kvDir = from.kvDir;
            modules = from.modules;
            grants = from.grants;
        }

        public Builder builtinExamples(boolean value) {
            builtinExamples = value;
            return this;
        }

        public Builder inlineModules(boolean value) {
            inlineModules = value;
            return this;
        }

        public Builder inlineMaxBytes(int value) {
            inlineMaxBytes = value;
            return this;
        }

        public Builder maxInstructions(long value) {
            maxInstructions = value;
            return this;
        }

        public Builder maxMemoryPages(int value) {
            maxMemoryPages = value;
            return this;
        }

        public Builder timeoutMs(long value) {
            timeoutMs = value;
            return this;
        }

        public Builder kvDir(String value) {
            kvDir = value;
            return this;
        }

        public Builder modules(List<Module> value) {
            modules = value;
            return this;
        }

        public Builder grants(List<Grant> value) {
            grants = value;
            return this;
        }

        public WorkloadsSection build() {
            return new WorkloadsSection(
                    builtinExamples,
                    inlineModules,
                    inlineMaxBytes,
                    maxInstructions,
                    maxMemoryPages,
                    timeoutMs,
                    kvDir,
                    modules,
                    grants);
        }
    }
}
