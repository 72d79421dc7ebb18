package io.camelot.wasm;

import java.time.Duration;

/**
 * What one WASM work order may consume. A module that exceeds any of them fails its own work order
 * with {@link io.camelot.workload.WorkloadException.Reason#RESOURCE_LIMIT}; nothing else is
 * affected, since every work order runs in a fresh instance on its own thread.
 *
 * @param instructions the instruction budget (fuel): every executed WASM instruction costs one
 * @param memoryPages the most 64 KiB linear-memory pages the module may hold
 * @param timeout the wall-clock limit, which also covers time spent in connectors
 */
public record WasmLimits(long instructions, int memoryPages, Duration timeout) {
    public static final int PAGE_BYTES = 65_536;

    /**
     * The most output items a work order may write: every item is encrypted, hashed and signed, so
     * millions of empty ones would exhaust the worker even within the byte limit.
     */
    public static final int MAX_OUTPUT_ITEMS = 1000;

    /** The most bytes one work order may log; later lines are dropped after one marker line. */
    public static final int MAX_LOG_BYTES = 65_536;

    /** The most elements any table of a module may hold, at start or after {@code table.grow}. */
    public static final int MAX_TABLE_ELEMENTS = 65_536;

    public WasmLimits {
        if (instructions <= 0 || memoryPages <= 0 || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("WASM limits must be positive: "
                    + instructions
                    + " instructions, "
                    + memoryPages
                    + " pages, "
                    + timeout);
        }
    }

    /** 100 million instructions, 16 MiB of memory, 10 seconds. */
    public static WasmLimits defaults() {
        return new WasmLimits(100_000_000L, 256, Duration.ofSeconds(10));
    }

    /** The most output bytes a work order may return: as much as its memory could hold. */
    long maxOutputBytes() {
        return (long) memoryPages * PAGE_BYTES;
    }
}
