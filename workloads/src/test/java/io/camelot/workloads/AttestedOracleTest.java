package io.camelot.workloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camelot.workload.ExternalIo;
import io.camelot.workload.Item;
import io.camelot.workload.WorkloadContext;
import io.camelot.workload.WorkloadException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AttestedOracleTest {
    final List<String> requests = new ArrayList<>();

    WorkloadContext answering(String response) {
        return new WorkloadContext() {
            @Override
            public Optional<byte[]> state(String key) {
                return Optional.empty();
            }

            @Override
            public void putState(String key, byte[] value) {
                throw new AssertionError("the oracle keeps no state");
            }

            @Override
            public ExternalIo io() {
                return (connector, request) -> {
                    requests.add(connector + " " + new String(request, StandardCharsets.UTF_8));
                    return response.getBytes(StandardCharsets.UTF_8);
                };
            }
        };
    }

    @Test
    void statesWhatTheSourceSaidWhenAndUnderWhichCertificate() {
        String body = java.util.Base64.getEncoder().encodeToString("3120.55".getBytes(StandardCharsets.UTF_8));
        List<Item> out = new AttestedOracle()
                .process(
                        List.of(Item.ofText(0, "https://prices.example/eth ")),
                        answering("{\"status\":200,\"body\":\""
                                + body
                                + "\",\"fetchedAt\":\"2026-11-21T12:00:00Z\","
                                + "\"certificateSha256\":\"ab12\"}"));
        assertThat(requests).containsExactly("https {\"method\":\"GET\",\"url\":\"https://prices.example/eth\"}");
        assertThat(out.getFirst().text())
                .isEqualTo(
                        "{\"source\":\"https://prices.example/eth\",\"value\":\"3120.55\",\"fetchedAt\":\"2026-11-21T12:00:00Z\","
                                + "\"tlsCertificateSha256\":\"ab12\",\"httpStatus\":200}");
    }

    @Test
    void aSourceThatDoesNotAnswer200FailsTheWorkOrder() {
        assertThatThrownBy(() -> new AttestedOracle()
                        .process(
                                List.of(Item.ofText(0, "https://prices.example/x")),
                                answering("{\"status\":404,\"body\":\"\"}")))
                .isInstanceOf(WorkloadException.class)
                .hasMessage("attested-oracle: https://prices.example/x answered HTTP 404");
    }

    @Test
    void withoutAGrantTheFetchIsDenied() {
        WorkloadContext noConnectors = new WorkloadContext() {
            @Override
            public Optional<byte[]> state(String key) {
                return Optional.empty();
            }

            @Override
            public void putState(String key, byte[] value) {}
        };
        assertThatThrownBy(() -> new AttestedOracle().process(List.of(Item.ofText(0, "https://x/")), noConnectors))
                .isInstanceOfSatisfying(
                        WorkloadException.class,
                        e -> assertThat(e.reason()).isEqualTo(WorkloadException.Reason.ACCESS_DENIED));
    }
}
