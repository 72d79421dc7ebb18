package io.camelot.workloads;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelot.workload.Item;
import java.util.List;
import org.junit.jupiter.api.Test;

class EchoResultTest {

    private final EchoResult echo = new EchoResult();
    private final InMemoryWorkloadContext context = new InMemoryWorkloadContext();

    @Test
    void prefixesEveryItemAndKeepsItsIndex() {
        List<Item> outputs = echo.process(List.of(Item.ofText(0, "Hello"), Item.ofText(3, "héllo wörld ✓")), context);

        assertThat(outputs).extracting(Item::index).containsExactly(0, 3);
        assertThat(outputs).extracting(Item::text).containsExactly("RESULT: Hello", "RESULT: héllo wörld ✓");
    }

    @Test
    void echoesEmptyTextAsThePrefixAlone() {
        assertThat(context.submit(echo, "")).containsExactly("RESULT: ");
    }

    @Test
    void isStatelessAndWritesNoState() {
        context.process(echo, "Hello");

        assertThat(echo.stateful()).isFalse();
        assertThat(context.pendingKeys()).isEmpty();
    }
}
