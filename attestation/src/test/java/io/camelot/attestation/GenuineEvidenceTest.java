package io.camelot.attestation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Genuine Intel-signed evidence, at the pinned times PROVENANCE.md gives, with its expected
 * outcomes.
 */
class GenuineEvidenceTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
      dcap/sgx-v3             | dcap/sgx-v3/collateral-2025-06 | 2025-06-20T00:00:00Z | SGX_DCAP | ConfigurationAndSWHardeningNeeded | INTEL-SA-00289 INTEL-SA-00615
      dcap/sgx-v3             | dcap/sgx-v3/collateral-2023-11 | 2023-11-22T00:00:00Z | SGX_DCAP | ConfigurationAndSWHardeningNeeded | INTEL-SA-00289 INTEL-SA-00615
      dcap/sgx-v3-outofdate   | dcap/sgx-v3-outofdate          | 2025-02-13T04:00:32Z | SGX_DCAP | OutOfDate                         |
      dcap/tdx-v4             | dcap/tdx-v4                    | 2025-06-20T00:00:00Z | TDX_DCAP | UpToDate                          |
      dcap/tdx-v4-outofdate   | dcap/tdx-v4-outofdate          | 2025-02-13T04:00:32Z | TDX_DCAP | OutOfDate                         | INTEL-SA-00960 INTEL-SA-00982 INTEL-SA-00986
      """)
    void dcapQuotesVerifyWithTheExpectedStatus(
            String set, String collateral, String at, TeeKind kind, String status, String advisories) throws Exception {
        Verdict verdict = verifyDcap(set, collateral, Instant.parse(at));

        assertThat(verdict.reasonText()).isEqualTo("valid");
        assertThat(verdict.kind()).isEqualTo(kind);
        assertThat(verdict.tcbStatusName()).isEqualTo(status);
        assertThat(verdict.advisoryIds())
                .containsExactlyElementsOf(advisories == null ? List.of() : List.of(advisories.split(" ")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
      dcap/tdx-v5-nomatch | dcap/tdx-v5-nomatch            | 2026-02-19T00:00:00Z | TCB_NOT_SUPPORTED
      dcap/sgx-v3         | dcap/sgx-v3/collateral-2023-11 | 2023-11-06T20:03:20Z | CRL_NOT_CURRENT
      dcap/sgx-v3         | dcap/sgx-v3/collateral-2025-06 | 2026-11-21T00:00:00Z | CRL_NOT_CURRENT
      dcap/tdx-v4         | dcap/tdx-v4-outofdate          | 2025-02-13T04:00:32Z | COLLATERAL_MISMATCH
      """)
    void dcapQuotesFailWithThePreciseReason(String set, String collateral, String at, FailureReason reason)
            throws Exception {
        assertThat(verifyDcap(set, collateral, Instant.parse(at)).failure()).isEqualTo(reason);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
      avr1 | 2019-11-16T17:23:28Z | OK                  | 747952b8e320a2338ea55bfce7c828d11d421e708563b31fe21ea289472e287c | true
      avr2 | 2019-11-26T17:16:08Z | OK                  | b1de642a41bd99668f0c3057202ef6cb083d099a660ff2db804282513f463c33 | false
      avr3 | 2020-01-30T11:00:40Z | OK                  | 57b34fb45f7cb03395dc7ee8eb493ca606d29d4eb477d9f76479689c8cfebbea | false
      avr4 | 2021-09-12T18:06:21Z | SW_HARDENING_NEEDED | 518422fa769d2d55982015a0e0417c6a8521fdfc7308f5ec18aaa1b6924bd0f3 | false
      avr5 | 2023-10-18T09:01:16Z | GROUP_OUT_OF_DATE   | 10829681801cbefd5b75779d0820d86d0a60d81ead14db793595edbe0e87b986 | false
      avr6 | 2018-07-11T19:30:36Z | GROUP_OUT_OF_DATE   | c9cbf94a42e47705e8c0425ec6d8779294c3681cd6d5a034f1cdb4ae20d4d80a | true
      """)
    void iasReportsVerify(String name, String at, String status, String mrEnclave, boolean debug) {
        Verdict verdict = verifyIas(name, VerificationContext.at(Instant.parse(at)));

        assertThat(verdict.reasonText()).isEqualTo("valid");
        assertThat(verdict.tcbStatusName()).isEqualTo(status);
        assertThat(verdict.measurements()).containsEntry("MRENCLAVE", mrEnclave);
        assertThat(verdict.debug()).isEqualTo(debug);
    }

    @org.junit.jupiter.api.Test
    void iasReportsExposeAdvisoriesNonceAndFreshness() {
        Instant avr4Time = Instant.ofEpochSecond(1631441180);
        assertThat(verifyIas("avr4", VerificationContext.at(avr4Time)).advisoryIds())
                .containsExactly("INTEL-SA-00334");
        assertThat(verifyIas("avr5", VerificationContext.at(Instant.parse("2023-10-19T00:00:00Z")))
                        .advisoryIds())
                .hasSize(13)
                .startsWith("INTEL-SA-00220")
                .endsWith("INTEL-SA-00828");
        assertThat(verifyIas(
                                "avr4",
                                VerificationContext.at(avr4Time.plusSeconds(10_000_000))
                                        .withMaxReportAge(java.time.Duration.ofDays(30)))
                        .failure())
                .isEqualTo(FailureReason.REPORT_NOT_FRESH);
        Instant avr6Time = Instant.parse("2018-07-12T00:00:00Z");
        assertThat(verifyIas("avr6", VerificationContext.at(avr6Time).withNonce("35E8FB64ACFB4A8E"))
                        .valid())
                .isTrue();
        assertThat(verifyIas("avr6", VerificationContext.at(avr6Time).withNonce("0000000000000000"))
                        .failure())
                .isEqualTo(FailureReason.NONCE_MISMATCH);
    }

    @org.junit.jupiter.api.Test
    void iasReportsAreRejectedAfterTheSigningCertificateExpired() {
        assertThat(verifyIas("avr1", VerificationContext.at(Instant.parse("2026-11-21T00:00:00Z")))
                        .failure())
                .isEqualTo(FailureReason.CERT_NOT_VALID_AT_TIME);
    }

    static Verdict verifyDcap(String set, String collateral, Instant at) throws Exception {
        byte[] quote = Files.readAllBytes(GenuineTestData.resolve(set).resolve("quote.bin"));
        return new DcapQuoteVerifier()
                .verify(
                        quote,
                        DcapCollateral.fromDirectory(GenuineTestData.resolve(collateral)),
                        VerificationContext.at(at));
    }

    static Verdict verifyIas(String name, VerificationContext context) {
        Path body = GenuineTestData.resolve("ias/" + name + IasEvidence.BODY_SUFFIX);
        return new IasReportVerifier().verify(IasEvidence.fromFiles(body), context);
    }
}
