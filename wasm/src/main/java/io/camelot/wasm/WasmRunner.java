package io.camelot.wasm;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.MStack;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.OpCode;
import com.dylibso.chicory.wasm.types.TableSection;
import io.camelot.workload.Item;
import io.camelot.workload.WorkloadContext;
import io.camelot.workload.WorkloadException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one WASM work order: a fresh instance of the module, the {@code camelot} imports, and its
 * exported {@code run} function, on a thread of its own so the wall-clock limit can interrupt it.
 * Every outcome other than a normal return becomes a {@link WorkloadException} for this work order
 * alone.
 */
public final class WasmRunner {
    /** The function every Camelot module exports; it takes and returns nothing. */
    public static final String ENTRY_POINT = "run";

    private static final Logger log = LoggerFactory.getLogger(WasmRunner.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final WasmLimits limits;

    public WasmRunner(WasmLimits limits) {
        this.limits = limits;
    }

    public WasmLimits limits() {
        return limits;
    }

    /**
     * @return the module's outputs, indexed 0, 1, ... in the order it wrote them
     * @throws WorkloadException if the module fails, traps, is denied a connector or exceeds a limit
     */
    public List<Item> run(WasmBinary binary, List<Item> inputs, WorkloadContext context) {
        HostAbi abi = new HostAbi(inputs, context, limits.maxOutputBytes());
        CompletableFuture<List<Item>> result = new CompletableFuture<>();
        Thread thread = Thread.ofPlatform()
                .daemon()
                .name("wasm-" + binary.sha256().substring(0, 12))
                .start(() -> {
                    try {
                        invoke(binary, abi);
                        result.complete(abi.outputs());
                    } catch (Throwable t) {
                        result.completeExceptionally(t);
                    }
                });
        try {
            return result.get(limits.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            stop(thread);
            throw limit("the module ran longer than " + limits.timeout().toMillis() + " ms");
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
            throw new WorkloadException("the worker was interrupted while the module ran");
        } catch (ExecutionException e) {
            throw outcome(e.getCause());
        }
    }

    /**
     * Interrupts a module that ran out of time and waits for it to end: the interpreter checks for
     * interruption as it runs, so it stops promptly and keeps no CPU busy after its work order
     * failed.
     */
    private static void stop(Thread thread) {
        thread.interrupt();
        try {
            if (!thread.join(STOP_GRACE)) {
                log.error("WASM thread {} did not stop within {} after its timeout", thread.getName(), STOP_GRACE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void invoke(WasmBinary binary, HostAbi abi) {
        MemoryLimits memory = memoryLimits(binary);
        checkTables(binary);
        Budget budget = new Budget(limits);
        Instance instance = Instance.builder(binary.module())
                .withImportValues(abi.imports())
                .withMemoryLimits(memory)
                .withUnsafeExecutionListener(budget::onInstruction)
                .build();
        budget.attach(instance);
        ExportFunction run;
        try {
            run = instance.export(ENTRY_POINT);
        } catch (RuntimeException e) {
            throw new WorkloadException(
                    WorkloadException.Reason.INVALID_INPUT,
                    "the module does not export a function named " + ENTRY_POINT);
        }
        run.apply();
    }

    private MemoryLimits memoryLimits(WasmBinary binary) {
        var declared = binary.module().memorySection();
        if (declared.isEmpty() || declared.get().memoryCount() == 0) {
            return new MemoryLimits(0, limits.memoryPages());
        }
        MemoryLimits wanted = declared.get().getMemory(0).limits();
        if (wanted.initialPages() > limits.memoryPages()) {
            throw limit("the module needs "
                    + wanted.initialPages()
                    + " memory pages at start, the limit is "
                    + limits.memoryPages());
        }
        return new MemoryLimits(wanted.initialPages(), Math.min(wanted.maximumPages(), limits.memoryPages()));
    }

    /**
     * Chicory allocates a table's initial elements at instantiation, so a huge one is refused first.
     */
    private static void checkTables(WasmBinary binary) {
        TableSection tables = binary.module().tableSection();
        for (int i = 0; i < tables.tableCount(); i++) {
            long initial = tables.getTable(i).limits().min();
            if (initial > WasmLimits.MAX_TABLE_ELEMENTS) {
                throw limit("the module's table "
                        + i
                        + " has "
                        + initial
                        + " elements at start, the limit is "
                        + WasmLimits.MAX_TABLE_ELEMENTS);
            }
        }
    }

    /** Maps whatever ended the module's thread to this work order's failure. */
    private RuntimeException outcome(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof WorkloadException e) {
                return e;
            }
            if (cause instanceof ChicoryInterruptedException) {
                return limit("the module ran longer than " + limits.timeout().toMillis() + " ms");
            }
            if (cause instanceof StackOverflowError) {
                return limit("the module's call stack overflowed");
            }
            if (cause instanceof OutOfMemoryError) {
                return limit("the module exhausted the worker's memory");
            }
        }
        log.debug("WASM module trapped", failure);
        return new WorkloadException("the module trapped: " + failure.getMessage());
    }

    private static WorkloadException limit(String what) {
        return new WorkloadException(WorkloadException.Reason.RESOURCE_LIMIT, "resource limit: " + what);
    }

    /** Fuel, memory and table accounting, called before every instruction. */
    private static final class Budget {
        private final WasmLimits limits;
        private final AtomicReference<Instance> instance = new AtomicReference<>();
        private long remaining;

        Budget(WasmLimits limits) {
            this.limits = limits;
            this.remaining = limits.instructions();
        }

        void attach(Instance instance) {
            this.instance.set(instance);
        }

        void onInstruction(Instruction instruction, MStack stack) {
            if (--remaining < 0) {
                throw limit("the module used its budget of " + limits.instructions() + " instructions");
            }
            if (instruction.opcode() == OpCode.MEMORY_GROW) {
                Instance running = instance.get();
                long wanted =
                        (running == null ? 0 : running.memory().pages()) + Integer.toUnsignedLong((int) stack.peek());
                if (wanted > limits.memoryPages()) {
                    throw limit(
                            "the module asked for " + wanted + " memory pages, the limit is " + limits.memoryPages());
                }
            } else if (instruction.opcode() == OpCode.TABLE_GROW) {
                Instance running = instance.get();
                long wanted = (running == null
                                ? 0
                                : running.table((int) instruction.operand(0)).size())
                        + Integer.toUnsignedLong((int) stack.peek());
                if (wanted > WasmLimits.MAX_TABLE_ELEMENTS) {
                    throw limit("the module asked for "
                            + wanted
                            + " table elements, the limit is "
                            + WasmLimits.MAX_TABLE_ELEMENTS);
                }
            }
        }
    }
}
