package io.camelot.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.EnvelopeVersion;
import io.camelot.protocol.envelope.InputSpec;
import io.camelot.protocol.envelope.RequestSealer;
import io.camelot.protocol.envelope.RequestTemplate;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** [security] legacy_envelope: both forms are counted; "refuse" turns Avalon's away with code 2. */
class EnvelopeAdmissionTest {
    @TempDir
    Path dir;

    @Test
    void bothFormsAreAdmittedByDefaultAndCountedPerForm() {
        try (TestTcs tcs = TestTcs.start(dir)) {
            assertThat(tcs.awaitOutcome(submit(tcs, EnvelopeVersion.AVALON_1))
                            .path("result")
                            .isObject())
                    .isTrue();
            assertThat(tcs.awaitOutcome(submit(tcs, EnvelopeVersion.CAMELOT_2))
                            .path("result")
                            .path("envelopeVersion")
                            .asText())
                    .isEqualTo("camelot-2");
        }
    }

    @Test
    void refusingTheLegacyFormTurnsAvalonsAwayAndAdmitsTheHardenedOne() {
        ListenerConfig config = TestTcs.config(false, false)
                .withSecurity(ListenerSecurity.defaults().withLegacyEnvelopeRefused(true));
        try (TestTcs tcs = TestTcs.start(dir, config, 100, true)) {
            WorkOrderSubmitParams legacy = seal(tcs, EnvelopeVersion.AVALON_1);
            JsonNode refused = tcs.submit(legacy).path("error");
            assertThat(refused.path("code").asInt()).isEqualTo(2);
            assertThat(refused.path("message").asText())
                    .contains("legacy_envelope")
                    .contains("camelot-2");
            assertThat(refused.path("data").path("workOrderId").asText()).isEqualTo(legacy.workOrderId());
            assertThat(tcs.store.request(legacy.workOrderId()))
                    .as("nothing stored")
                    .isEmpty();

            assertThat(tcs.awaitOutcome(submit(tcs, EnvelopeVersion.CAMELOT_2))
                            .path("result")
                            .isObject())
                    .isTrue();
        }
    }

    @Test
    void theMeterCountsEachFormAndEachRefusal() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        EnvelopeAdmission admission = new EnvelopeAdmission(true, meters);
        admission.admit(EnvelopeVersion.CAMELOT_2);
        admission.admit(EnvelopeVersion.CAMELOT_2);
        assertThatThrownBy(() -> admission.admit(EnvelopeVersion.AVALON_1)).isInstanceOf(EeaException.class);
        assertThat(count(meters, "camelot-2", "admitted")).isEqualTo(2);
        assertThat(count(meters, "avalon-1", "refused")).isEqualTo(1);
        assertThat(count(meters, "avalon-1", "admitted")).isZero();
    }

    private static double count(SimpleMeterRegistry meters, String envelope, String outcome) {
        return meters.get("camelot.work_order.envelopes")
                .tag("envelope", envelope)
                .tag("outcome", outcome)
                .counter()
                .count();
    }

    private static String submit(TestTcs tcs, EnvelopeVersion version) {
        WorkOrderSubmitParams params = seal(tcs, version);
        assertThat(tcs.submit(params).path("error").path("code").asInt()).isEqualTo(5);
        return params.workOrderId();
    }

    private static WorkOrderSubmitParams seal(TestTcs tcs, EnvelopeVersion version) {
        RequestTemplate template = new RequestTemplate(
                        TestTcs.randomHex(32),
                        tcs.workerId(),
                        TestTcs.ECHO,
                        TestTcs.randomHex(32),
                        TestTcs.randomHex(16),
                        Duration.ofSeconds(6).toMillis(),
                        null,
                        List.of(InputSpec.text("Hello")),
                        List.of())
                .withEnvelope(version);
        return RequestSealer.seal(template, tcs.keys().encryption().publicKey(), null)
                .request();
    }
}
