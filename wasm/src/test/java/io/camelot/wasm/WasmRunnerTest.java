package io.camelot.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camelot.workload.ExternalIo;
import io.camelot.workload.Item;
import io.camelot.workload.WorkloadException;
import io.camelot.workload.WorkloadException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WasmRunnerTest {
    static final WasmLimits SMALL = new WasmLimits(5_000_000, 16, Duration.ofSeconds(60));
    final TestModules.Context context = new TestModules.Context(ExternalIo.NONE);

    static List<Item> texts(String... texts) {
        List<Item> items = new java.util.ArrayList<>();
        for (String text : texts) {
            items.add(Item.ofText(items.size(), text));
        }
        return items;
    }

    @Test
    void echoAnswersEveryInput() {
        WasmBinary echo = WasmBinary.parse(WasmCatalog.example("wasm-echo"));
        List<Item> outputs = new WasmRunner(SMALL).run(echo, texts("Hello", "wörld"), context);
        assertThat(outputs).extracting(Item::text).containsExactly("RESULT: Hello", "RESULT: wörld");
        assertThat(outputs).extracting(Item::index).containsExactly(0, 1);
    }

    @Test
    void echoGrowsItsMemoryForALargeInputWithinTheLimit() {
        String large = "x".repeat(200_000);
        WasmBinary echo = WasmBinary.parse(WasmCatalog.example("wasm-echo"));
        List<Item> outputs = new WasmRunner(SMALL).run(echo, texts(large), context);
        assertThat(outputs.getFirst().text()).isEqualTo("RESULT: " + large);
    }

    @Test
    void anEndlessLoopWithAHugeBudgetIsStoppedByTheTimeout() {
        WasmBinary spin = WasmBinary.parse(TestModules.bytes("spin"));
        WasmLimits timeBound = new WasmLimits(Long.MAX_VALUE, 16, Duration.ofMillis(300));
        assertThatThrownBy(() -> new WasmRunner(timeBound).run(spin, List.of(), context))
                .isInstanceOf(WorkloadException.class)
                .hasMessage("resource limit: the module ran longer than 300 ms")
                .extracting(e -> ((WorkloadException) e).reason())
                .isEqualTo(Reason.RESOURCE_LIMIT);
        // The interrupted interpreter has stopped: no thread is left spinning.
        String threadName = "wasm-" + spin.sha256().substring(0, 12);
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.getName().equals(threadName));
    }

    /**
     * An endless loop spending its instruction budget; growing memory or a table, writing output items
     * or declaring a table, each past its limit.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            spin         | resource limit: the module used its budget of 5000000 instructions
            memory-hog   | resource limit: the module asked for 17 memory pages, the limit is 16
            output-flood | resource limit: the module wrote more than 1000 output items
            big-table    | resource limit: the module's table 0 has 1000000 elements at start, the limit is 65536
            table-grow   | resource limit: the module asked for 1000001 table elements, the limit is 65536
            """)
    void aModuleGoingPastALimitFails(String module, String message) {
        WasmBinary binary = WasmBinary.parse(TestModules.bytes(module));
        assertThatThrownBy(() -> new WasmRunner(SMALL).run(binary, List.of(), context))
                .asInstanceOf(InstanceOfAssertFactories.throwable(WorkloadException.class))
                .hasMessage(message)
                .extracting(WorkloadException::reason)
                .isEqualTo(Reason.RESOURCE_LIMIT);
    }

    @Test
    void aModuleNeedingMoreInitialMemoryThanAllowedIsRefused() {
        WasmBinary forward = WasmBinary.parse(TestModules.bytes("io-forward"));
        WasmLimits tiny = new WasmLimits(1000, 2, Duration.ofSeconds(60));
        assertThatThrownBy(() -> new WasmRunner(tiny).run(forward, texts("kv", "{}"), context))
                .hasMessage("resource limit: the module needs 4 memory pages at start, the limit is 2");
    }

    @Test
    void logLinesBeyondTheWorkOrdersLogLimitAreDroppedAfterAMarker() {
        WasmBinary chatty = WasmBinary.parse(TestModules.bytes("log-flood"));
        List<Item> outputs = new WasmRunner(SMALL).run(chatty, List.of(), context);
        assertThat(outputs).extracting(Item::text).containsExactly("done");
        assertThat(context.logged).hasSize(17);
        assertThat(context.logged.subList(0, 16)).allMatch(line -> line.equals("x".repeat(4096)));
        assertThat(context.logged.getLast())
                .isEqualTo("[log limit of 65536 bytes per work order reached; later lines dropped]");
    }

    @Test
    void aModuleStuckInAConnectorCallIsStoppedByTheTimeout() {
        ExternalIo blocking = (connector, request) -> {
            try {
                new CountDownLatch(1).await();
                throw new AssertionError("unreachable");
            } catch (InterruptedException e) {
                throw new WorkloadException("interrupted");
            }
        };
        WasmBinary forward = WasmBinary.parse(TestModules.bytes("io-forward"));
        WasmLimits timeBound = new WasmLimits(SMALL.instructions(), 16, Duration.ofMillis(300));
        assertThatThrownBy(() ->
                        new WasmRunner(timeBound).run(forward, texts("kv", "{}"), new TestModules.Context(blocking)))
                .hasMessage("resource limit: the module ran longer than 300 ms");
        // The interrupt reached the blocked connector call, so the module's thread has ended.
        String threadName = "wasm-" + forward.sha256().substring(0, 12);
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.getName().equals(threadName));
    }

    @Test
    void aModuleCanFailItsWorkOrderWithAMessage() {
        WasmBinary fails = WasmBinary.parse(TestModules.bytes("fails"));
        assertThatThrownBy(() -> new WasmRunner(SMALL).run(fails, List.of(), context))
                .isInstanceOf(WorkloadException.class)
                .hasMessage("bids must be positive")
                .extracting(e -> ((WorkloadException) e).reason())
                .isEqualTo(Reason.FAILED);
    }

    @Test
    void connectorCallsGoThroughTheWorkloadsExternalIo() {
        ExternalIo io = (connector, request) ->
                (connector + " got " + new String(request, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        TestModules.Context withIo = new TestModules.Context(io);
        WasmBinary forward = WasmBinary.parse(TestModules.bytes("io-forward"));
        List<Item> outputs = new WasmRunner(SMALL).run(forward, texts("kv", "{\"op\":\"get\"}"), withIo);
        assertThat(outputs).extracting(Item::text).containsExactly("kv got {\"op\":\"get\"}");
        assertThat(withIo.logged).containsExactly("io-forward calling a connector");
    }

    @Test
    void aDeniedConnectorFailsTheWorkOrderWithAccessDenied() {
        WasmBinary forward = WasmBinary.parse(TestModules.bytes("io-forward"));
        assertThatThrownBy(() -> new WasmRunner(SMALL).run(forward, texts("https", "{}"), context))
                .isInstanceOf(WorkloadException.class)
                .hasMessage("connector https is not granted to this workload")
                .extracting(e -> ((WorkloadException) e).reason())
                .isEqualTo(Reason.ACCESS_DENIED);
    }

    @Test
    void readingAnInputThatIsNotThereIsInvalidInput() {
        WasmBinary forward = WasmBinary.parse(TestModules.bytes("io-forward"));
        assertThatThrownBy(() -> new WasmRunner(SMALL).run(forward, texts("kv"), context))
                .asInstanceOf(InstanceOfAssertFactories.throwable(WorkloadException.class))
                .hasMessage("the module asked for input 1 but the work order has 1")
                .extracting(WorkloadException::reason)
                .isEqualTo(Reason.INVALID_INPUT);
    }

    @Test
    void garbageIsNotAModule() {
        assertThatThrownBy(() -> WasmBinary.parse("not wasm".getBytes(StandardCharsets.UTF_8)))
                .asInstanceOf(InstanceOfAssertFactories.throwable(WorkloadException.class))
                .hasMessageStartingWith("not a valid WebAssembly module")
                .extracting(WorkloadException::reason)
                .isEqualTo(Reason.INVALID_INPUT);
    }
}
