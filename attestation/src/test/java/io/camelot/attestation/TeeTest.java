package io.camelot.attestation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TeeTest {
  private static final Instant AT = Instant.parse("2025-06-20T00:00:00Z");
  private static final String KEY = "-----BEGIN PUBLIC KEY-----\nworker\n-----END PUBLIC KEY-----\n";

  @TempDir Path dir;

  @Test
  void simulatedEvidenceVerifiesBindsTheKeyAndSurvivesARestart() {
    SimulatedTee tee = SimulatedTee.open(dir, new byte[32], Clock.fixed(AT, ZoneOffset.UTC));
    TeeEvidence evidence = tee.attest(ReportDataBinding.of(KEY));
    SimulatedTee reopened = SimulatedTee.open(dir, new byte[32], Clock.fixed(AT, ZoneOffset.UTC));

    Verdict verdict = verify(evidence, KEY);
    assertThat(verdict.reasonText()).isEqualTo("valid");
    assertThat(verdict.kind()).isEqualTo(TeeKind.SIMULATED);
    assertThat(verdict.keyBinding()).isEqualTo(Verdict.KeyBinding.BOUND);
    assertThat(reopened.unseal(tee.seal(new byte[] {1, 2}))).containsExactly(1, 2);
    assertThat(verify(reopened.attest(ReportDataBinding.of(KEY)), KEY).measurements())
        .isEqualTo(verdict.measurements());
    assertThat(verify(evidence, "another key").failure()).isEqualTo(FailureReason.KEY_BINDING_MISMATCH);
  }

  @Test
  void anAlteredSimulatedQuoteFailsItsSignature() {
    TeeEvidence evidence =
        SimulatedTee.open(dir, new byte[32], Clock.fixed(AT, ZoneOffset.UTC)).attest(ReportDataBinding.of(KEY));
    String altered = evidence.proofData().replace("\\\"measurement\\\":\\\"00", "\\\"measurement\\\":\\\"01");
    assertThat(altered).isNotEqualTo(evidence.proofData());
    assertThat(verify(new TeeEvidence(evidence.proofDataType(), altered), KEY).failure())
        .isEqualTo(FailureReason.SIMULATION_SIGNATURE_INVALID);
  }

  @Test
  void gramineWritesReportDataAndPublishesItsQuoteWithCollateral() throws Exception {
    Files.writeString(dir.resolve("attestation_type"), "dcap");
    Files.createDirectories(dir.resolve("keys"));
    Files.write(dir.resolve("keys/_sgx_mrenclave"), new byte[16]);
    Files.copy(GenuineTestData.resolve("dcap/sgx-v3/quote.bin"), dir.resolve("quote"));
    DcapCollateral collateral = DcapCollateral.fromDirectory(GenuineTestData.resolve("dcap/sgx-v3/collateral-2025-06"));
    GramineTee tee = new GramineTee(dir, collateral);

    TeeEvidence evidence = tee.attest(ReportDataBinding.of(KEY));

    assertThat(Files.readAllBytes(dir.resolve("user_report_data"))).isEqualTo(ReportDataBinding.of(KEY));
    assertThat(evidence.proofDataType()).isEqualTo("TEE-SGX-DCAP");
    Verdict verdict = new ProofDataVerifier().verify(evidence.proofDataType(), evidence.proofData(),
        VerificationContext.at(AT));
    assertThat(verdict.reasonText()).isEqualTo("valid");
    assertThat(verdict.tcbStatusName()).isEqualTo("ConfigurationAndSWHardeningNeeded");
    // The fake quote was made for "Hello, world!", not for this key.
    assertThat(verify(evidence, KEY).failure()).isEqualTo(FailureReason.KEY_BINDING_MISMATCH);
    assertThat(tee.unseal(tee.seal("secret".getBytes(StandardCharsets.UTF_8)))).asString().isEqualTo("secret");
  }

  @Test
  void gramineWithoutDcapAttestationRefusesToStart() throws Exception {
    Files.writeString(dir.resolve("attestation_type"), "none");
    assertThatThrownBy(() -> new GramineTee(dir, null)).hasMessageContaining("\"none\"");
  }

  private static Verdict verify(TeeEvidence evidence, String key) {
    return new ProofDataVerifier()
        .verify(evidence.proofDataType(), evidence.proofData(), VerificationContext.at(AT).boundTo(key));
  }
}
