package io.camelot.wasm;

import io.camelot.workload.Item;
import io.camelot.workload.Workload;
import io.camelot.workload.WorkloadContext;
import io.camelot.workload.WorkloadException;
import java.util.List;

/**
 * Runs a module the requester sends in the work order itself: inData item 0 is the module, the
 * remaining items are its inputs. The module travels encrypted like any input and is covered by the
 * request hash; the result ends with the module's SHA-256 (as for catalog modules), signed by the
 * worker, so the requester can prove what ran. Only if the worker's policy allows it.
 */
public record InlineWasmWorkload(boolean allowed, int maxModuleBytes, WasmRunner runner) implements Workload {
    public static final String NAME = "wasm-inline";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Item> process(List<Item> inputs, WorkloadContext context) {
        if (!allowed) {
            throw new WorkloadException(
                    WorkloadException.Reason.ACCESS_DENIED, "this worker's policy does not allow inline WASM modules");
        }
        if (inputs.isEmpty()) {
            throw new WorkloadException(
                    WorkloadException.Reason.INVALID_INPUT, NAME + " needs the module as input item 0");
        }
        byte[] module = inputs.getFirst().data();
        if (module.length > maxModuleBytes) {
            throw new WorkloadException(
                    WorkloadException.Reason.ACCESS_DENIED,
                    "the inline module has " + module.length + " bytes, this worker's limit is " + maxModuleBytes);
        }
        WasmBinary binary = WasmBinary.parse(module);
        List<Item> outputs = runner.run(binary, inputs.subList(1, inputs.size()), context);
        return WasmWorkload.withModuleHash(outputs, binary);
    }
}
