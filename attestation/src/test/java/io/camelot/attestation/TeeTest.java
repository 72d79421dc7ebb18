package io.camelot.attestation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camelot.protocol.crypto.AesGcm;
import io.camelot.protocol.crypto.CryptoException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TeeTest {
    private static final Instant AT = Instant.parse("2025-06-20T00:00:00Z");
    private static final String KEY = "-----BEGIN PUBLIC KEY-----\nworker\n-----END PUBLIC KEY-----\n";

    @TempDir
    Path dir;

    @Test
    void simulatedEvidenceVerifiesBindsTheKeyAndSurvivesARestart() {
        SimulatedTee tee = SimulatedTee.open(dir, new byte[32], Clock.fixed(AT, ZoneOffset.UTC));
        TeeEvidence evidence = tee.attest(ReportDataBinding.of(KEY));
        SimulatedTee reopened = SimulatedTee.open(dir, new byte[32], Clock.fixed(AT, ZoneOffset.UTC));

        Verdict verdict = verify(evidence, KEY);
        assertThat(verdict.reasonText()).isEqualTo("valid");
        assertThat(verdict.kind()).isEqualTo(TeeKind.SIMULATED);
        assertThat(verdict.keyBinding()).isEqualTo(Verdict.KeyBinding.BOUND);
        assertThat(reopened.unseal("test", tee.seal("test", new byte[] {1, 2}))).containsExactly(1, 2);
        assertThat(verify(reopened.attest(ReportDataBinding.of(KEY)), KEY).measurements())
                .isEqualTo(verdict.measurements());
        assertThat(verify(evidence, "another key").failure()).isEqualTo(FailureReason.KEY_BINDING_MISMATCH);
    }

    @Test
    void theSimulatedSealingSecretAndSealedFilesAreOwnerOnlyFromTheStart() throws Exception {
        Path tee = dir.resolve("fresh/tee");
        SimulatedTee sealer = SimulatedTee.open(tee, new byte[32], Clock.fixed(AT, ZoneOffset.UTC));
        SealedFile.write(sealer, "test", dir.resolve("fresh/keys/k.sealed"), new byte[] {7});

        assertThat(permissions(tee)).isEqualTo("rwx------");
        assertThat(permissions(dir.resolve("fresh/keys"))).isEqualTo("rwx------");
        assertThat(permissions(tee.resolve("sealing-secret.SIMULATED"))).isEqualTo("rw-------");
        assertThat(permissions(tee.resolve("simulation-key.sealed"))).isEqualTo("rw-------");
        assertThat(permissions(dir.resolve("fresh/keys/k.sealed"))).isEqualTo("rw-------");
        try (var left = Files.list(dir.resolve("fresh/keys"))) {
            assertThat(left).extracting(p -> p.getFileName().toString()).containsExactly("k.sealed");
        }
    }

    @Test
    void aBlobSealedAsOneKindIsRefusedAsAnother() throws Exception {
        SimulatedTee tee = SimulatedTee.open(dir, new byte[32], Clock.fixed(AT, ZoneOffset.UTC));
        Path file = dir.resolve("worker.sealed");
        SealedFile.write(tee, "worker-keys", file, new byte[] {1});

        assertThat(SealedFile.read(tee, "worker-keys", file)).containsExactly(1);
        assertThatThrownBy(() -> SealedFile.read(tee, "pool-keys", file)).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> tee.unseal("pool-keys", tee.seal("worker-keys", new byte[] {1})))
                .isInstanceOf(CryptoException.class);
    }

    @Test
    void aBlobSealedWithoutAKindStillOpensOnceAndIsResealedWithIt() throws Exception {
        SimulatedTee tee = SimulatedTee.open(dir, new byte[32], Clock.fixed(AT, ZoneOffset.UTC));
        byte[] secret = Files.readAllBytes(dir.resolve("sealing-secret.SIMULATED"));
        Path file = dir.resolve("old.sealed");
        Files.write(file, AesGcm.of(secret).seal(new byte[] {4, 2}, null)); // as versions before kinds sealed it

        assertThat(SealedFile.read(tee, "worker-keys", file)).containsExactly(4, 2);
        byte[] resealed = Files.readAllBytes(file);
        assertThat(tee.unseal("worker-keys", resealed)).containsExactly(4, 2);
        assertThatThrownBy(() -> tee.unsealUnbound(resealed)).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> SealedFile.read(tee, "pool-keys", file)).isInstanceOf(CryptoException.class);
    }

    @Test
    void anAlteredSimulatedQuoteFailsItsSignature() {
        TeeEvidence evidence = SimulatedTee.open(dir, new byte[32], Clock.fixed(AT, ZoneOffset.UTC))
                .attest(ReportDataBinding.of(KEY));
        String altered = evidence.proofData().replace("\\\"measurement\\\":\\\"00", "\\\"measurement\\\":\\\"01");
        assertThat(altered).isNotEqualTo(evidence.proofData());
        assertThat(verify(new TeeEvidence(evidence.proofDataType(), altered), KEY)
                        .failure())
                .isEqualTo(FailureReason.SIMULATION_SIGNATURE_INVALID);
    }

    @Test
    void gramineWritesReportDataAndPublishesItsQuoteWithCollateral() throws Exception {
        Files.writeString(dir.resolve("attestation_type"), "dcap");
        Files.createDirectories(dir.resolve("keys"));
        Files.write(dir.resolve("keys/_sgx_mrenclave"), new byte[16]);
        Files.copy(GenuineTestData.resolve("dcap/sgx-v3/quote.bin"), dir.resolve("quote"));
        DcapCollateral collateral =
                DcapCollateral.fromDirectory(GenuineTestData.resolve("dcap/sgx-v3/collateral-2025-06"));
        GramineTee tee = new GramineTee(dir, collateral);

        TeeEvidence evidence = tee.attest(ReportDataBinding.of(KEY));

        assertThat(Files.readAllBytes(dir.resolve("user_report_data"))).isEqualTo(ReportDataBinding.of(KEY));
        assertThat(evidence.proofDataType()).isEqualTo("TEE-SGX-DCAP");
        Verdict verdict = new ProofDataVerifier()
                .verify(evidence.proofDataType(), evidence.proofData(), VerificationContext.at(AT));
        assertThat(verdict.reasonText()).isEqualTo("valid");
        assertThat(verdict.tcbStatusName()).isEqualTo("ConfigurationAndSWHardeningNeeded");
        // The fake quote was made for "Hello, world!", not for this key.
        assertThat(verify(evidence, KEY).failure()).isEqualTo(FailureReason.KEY_BINDING_MISMATCH);
        assertThat(tee.unseal("test", tee.seal("test", "secret".getBytes(StandardCharsets.UTF_8))))
                .asString()
                .isEqualTo("secret");
    }

    @Test
    void gramineWithoutDcapAttestationRefusesToStart() throws Exception {
        Files.writeString(dir.resolve("attestation_type"), "none");
        assertThatThrownBy(() -> new GramineTee(dir, null)).hasMessageContaining("\"none\"");
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static Verdict verify(TeeEvidence evidence, String key) {
        return new ProofDataVerifier()
                .verify(
                        evidence.proofDataType(),
                        evidence.proofData(),
                        VerificationContext.at(AT).boundTo(key));
    }
}
