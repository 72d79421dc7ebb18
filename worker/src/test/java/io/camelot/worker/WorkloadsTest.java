package io.camelot.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camelot.workload.Item;
import io.camelot.workload.Workload;
import io.camelot.workload.WorkloadContext;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadsTest {
    record Named(String name) implements Workload {
        @Override
        public List<Item> process(List<Item> inputs, WorkloadContext context) {
            return inputs;
        }
    }

    @Test
    void addsConfiguredWorkloadsNextToTheServiceLoaderOnes() {
        Workloads base = Workloads.load();
        Workloads more = base.with(List.of(new Named("wasm-echo")));
        assertThat(more.names()).containsAll(base.names()).contains("wasm-echo");
        assertThat(more.find("wasm-echo")).containsInstanceOf(Named.class);
        assertThat(base.find("wasm-echo")).isEmpty();
    }

    @Test
    void aNameTakenTwiceIsRefused() {
        assertThatThrownBy(() -> Workloads.load().with(List.of(new Named("echo-result"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("two workloads are named echo-result");
    }
}
