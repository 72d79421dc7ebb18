package io.camelot.workloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.camelot.workload.Workload;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

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
}
