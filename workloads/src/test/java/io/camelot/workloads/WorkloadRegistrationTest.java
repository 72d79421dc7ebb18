package io.camelot.workloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.camelot.workload.Workload;
import io.camelot.workload.WorkloadException;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkloadRegistrationTest {

    @Test
    void serviceLoaderFindsExactlyTheFourWorkloads() {
        assertThat(ServiceLoader.load(Workload.class))
                .extracting(Workload::name, Workload::stateful)
                .containsExactlyInAnyOrder(
                        tuple("echo-result", false),
                        tuple("heart-disease-eval", true),
                        tuple("simple-wallet", true),
                        tuple("attested-oracle", false));
    }

    @ParameterizedTest
    @CsvSource({"echo-result, false", "heart-disease-eval, true", "simple-wallet, true"})
    void refusesAWorkOrderWithoutItemsNamingItself(String name, boolean stateful) {
        Workload workload = ServiceLoader.load(Workload.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(w -> w.name().equals(name))
                .findFirst()
                .orElseThrow();
        assertThat(workload.stateful()).isEqualTo(stateful);
        assertThatThrownBy(() -> workload.process(List.of(), new InMemoryWorkloadContext()))
                .isInstanceOf(WorkloadException.class)
                .hasMessage(name + " needs at least one input item");
    }
}
