package io.camelot.wasm;

import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import io.camelot.workload.WorkloadException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A parsed WebAssembly module and the SHA-256 of its bytes, which names it in signed results. */
public record WasmBinary(WasmModule module, String sha256) {

    /**
     * Parses and validates module bytes.
     *
     * @throws WorkloadException with {@link WorkloadException.Reason#INVALID_INPUT} if they are not a
     *     valid WebAssembly module
     */
    public static WasmBinary parse(byte[] bytes) {
        WasmModule module;
        try {
            module = Parser.parse(bytes);
        } catch (ChicoryException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new WorkloadException(
                    WorkloadException.Reason.INVALID_INPUT, "not a valid WebAssembly module: " + e.getMessage());
        }
        return new WasmBinary(module, sha256Hex(bytes));
    }

    /** Lower-case hex SHA-256, the form the catalog configuration and the results use. */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
