package io.camelot.wasm;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import io.camelot.workload.Item;
import io.camelot.workload.WorkloadContext;
import io.camelot.workload.WorkloadException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The host side of the Camelot WASM ABI for one work order: the {@code camelot} imports through
 * which a module reads its inputs, writes outputs, logs and calls connectors. Inputs are addressed
 * by position (0 is the first input the module receives); outputs get consecutive indexes.
 */
final class HostAbi {
    static final String MODULE = "camelot";
    private static final int MAX_LINE_BYTES = 4096;

    private final List<Item> inputs;
    private final WorkloadContext context;
    private final long maxOutputBytes;
    private final List<Item> outputs = new ArrayList<>();
    private long outputBytes;
    private long loggedBytes;
    private byte[] lastResponse = new byte[0];

    HostAbi(List<Item> inputs, WorkloadContext context, long maxOutputBytes) {
        this.inputs = inputs;
        this.context = context;
        this.maxOutputBytes = maxOutputBytes;
    }

    List<Item> outputs() {
        return outputs;
    }

    ImportValues imports() {
        return ImportValues.builder()
                .addFunction(
                        function(
                                "input_count", List.of(), List.of(ValType.I32), (instance, args) -> i32(inputs.size())),
                        function(
                                "input_size",
                                List.of(ValType.I32),
                                List.of(ValType.I32),
                                (instance, args) -> i32(input((int) args[0]).length)),
                        function(
                                "input_read",
                                List.of(ValType.I32, ValType.I32),
                                List.of(ValType.I32),
                                (instance, args) -> {
                                    byte[] data = input((int) args[0]);
                                    instance.memory().write((int) args[1], data);
                                    return i32(data.length);
                                }),
                        function("output", List.of(ValType.I32, ValType.I32), List.of(), (instance, args) -> {
                            output(read(instance, args[0], args[1]));
                            return null;
                        }),
                        function("log", List.of(ValType.I32, ValType.I32), List.of(), (instance, args) -> {
                            log(instance, args[0], (int) Math.min(args[1], MAX_LINE_BYTES));
                            return null;
                        }),
                        function("fail", List.of(ValType.I32, ValType.I32), List.of(), (instance, args) -> {
                            int length = (int) Math.min(args[1], MAX_LINE_BYTES);
                            throw new WorkloadException(
                                    new String(read(instance, args[0], length), StandardCharsets.UTF_8));
                        }),
                        function(
                                "io_call",
                                List.of(ValType.I32, ValType.I32, ValType.I32, ValType.I32),
                                List.of(ValType.I32),
                                (instance, args) -> {
                                    String connector =
                                            new String(read(instance, args[0], args[1]), StandardCharsets.UTF_8);
                                    lastResponse = context.io().call(connector, read(instance, args[2], args[3]));
                                    return i32(lastResponse.length);
                                }),
                        function("io_response", List.of(ValType.I32), List.of(ValType.I32), (instance, args) -> {
                            instance.memory().write((int) args[0], lastResponse);
                            return i32(lastResponse.length);
                        }))
                .build();
    }

    private byte[] input(int position) {
        if (position < 0 || position >= inputs.size()) {
            throw new WorkloadException(
                    WorkloadException.Reason.INVALID_INPUT,
                    "the module asked for input " + position + " but the work order has " + inputs.size());
        }
        return inputs.get(position).data();
    }

    /**
     * Logging is diagnostics, so a module that logs too much is not failed: its later lines are
     * dropped, and one marker line says so, keeping requester content from flooding the host's log.
     */
    private void log(Instance instance, long address, int length) {
        if (loggedBytes > WasmLimits.MAX_LOG_BYTES) {
            return;
        }
        loggedBytes += length;
        if (loggedBytes > WasmLimits.MAX_LOG_BYTES) {
            context.log("[log limit of "
                    + WasmLimits.MAX_LOG_BYTES
                    + " bytes per work order reached; later lines dropped]");
            return;
        }
        context.log(new String(read(instance, address, length), StandardCharsets.UTF_8));
    }

    private void output(byte[] data) {
        if (outputs.size() >= WasmLimits.MAX_OUTPUT_ITEMS) {
            throw new WorkloadException(
                    WorkloadException.Reason.RESOURCE_LIMIT,
                    "resource limit: the module wrote more than " + WasmLimits.MAX_OUTPUT_ITEMS + " output items");
        }
        outputBytes += data.length;
        if (outputBytes > maxOutputBytes) {
            throw new WorkloadException(
                    WorkloadException.Reason.RESOURCE_LIMIT,
                    "resource limit: the module's outputs exceed " + maxOutputBytes + " bytes");
        }
        outputs.add(new Item(outputs.size(), data));
    }

    private static byte[] read(Instance instance, long address, long length) {
        return instance.memory().readBytes((int) address, (int) length);
    }

    private static long[] i32(int value) {
        return new long[] {value};
    }

    private static HostFunction function(
            String name, List<ValType> params, List<ValType> results, WasmFunctionHandle handle) {
        return new HostFunction(MODULE, name, FunctionType.of(params, results), handle);
    }
}
