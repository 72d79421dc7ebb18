package io.camelot.wasm;

import io.camelot.workload.Item;
import io.camelot.workload.Workload;
import io.camelot.workload.WorkloadContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A catalog module run as a workload: the requester names it by {@code workloadId}. Its outputs are
 * the module's, followed by one item naming the module that ran ({@link #moduleHashItem}), so the
 * worker's signature over the result covers which code produced it.
 */
public record WasmWorkload(String name, WasmBinary binary, WasmRunner runner) implements Workload {
    /** The prefix of the last output item; the rest is the module's lower-hex SHA-256. */
    public static final String MODULE_HASH_PREFIX = "wasm-module-sha256:";

    public String sha256() {
        return binary.sha256();
    }

    @Override
    public List<Item> process(List<Item> inputs, WorkloadContext context) {
        return withModuleHash(runner.run(binary, inputs, context), binary);
    }

    static List<Item> withModuleHash(List<Item> outputs, WasmBinary binary) {
        List<Item> all = new ArrayList<>(outputs);
        all.add(moduleHashItem(outputs.size(), binary.sha256()));
        return all;
    }

    static Item moduleHashItem(int index, String sha256) {
        return new Item(index, (MODULE_HASH_PREFIX + sha256).getBytes(StandardCharsets.UTF_8));
    }
}
