package io.camelot.attestation;

import static io.camelot.attestation.SyntheticCollateral.UP_TO_DATE_DATE;
import static io.camelot.attestation.SyntheticCollateral.aboveThePlatform;
import static io.camelot.attestation.SyntheticCollateral.qeTcbLevel;
import static io.camelot.attestation.SyntheticCollateral.tcbLevel;
import static io.camelot.attestation.SyntheticDcapPki.AT;
import static io.camelot.attestation.SyntheticDcapPki.CERTS_FROM;
import static io.camelot.attestation.SyntheticDcapPki.CERTS_UNTIL;
import static io.camelot.attestation.SyntheticDcapPki.FMSPC;
import static io.camelot.attestation.SyntheticDcapPki.ISSUED;
import static io.camelot.attestation.SyntheticDcapPki.NEXT_UPDATE;
import static io.camelot.attestation.SyntheticDcapPki.PLATFORM_PCE_SVN;
import static io.camelot.attestation.SyntheticDcapPki.PLATFORM_SVNS;
import static io.camelot.attestation.SyntheticQuoteBuilder.WORKER_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every DCAP failure branch, reached with evidence from {@link SyntheticDcapPki}: a fresh PKI,
 * quote and collateral per test, valid at {@link SyntheticDcapPki#AT} until the test breaks one
 * thing.
 */
class SyntheticDcapPkiTest {
    private static final String OUT_OF_DATE_SINCE = "2025-01-15T00:00:00Z";

    private final SyntheticDcapPki pki = new SyntheticDcapPki();
    private final SyntheticQuoteBuilder quote = new SyntheticQuoteBuilder(pki);
    private final SyntheticCollateral collateral = new SyntheticCollateral(pki);

    @ParameterizedTest
    @ValueSource(ints = {3, 4, 5})
    void syntheticEvidenceVerifiesAsUpToDateAndBoundToTheWorkerKey(int version) {
        quote.version = version;
        Verdict verdict = verify();

        assertThat(verdict.reasonText()).isEqualTo("valid");
        assertThat(verdict.kind()).isEqualTo(TeeKind.SGX_DCAP);
        assertThat(verdict.tcbStatus()).isEqualTo(TcbStatus.UP_TO_DATE);
        assertThat(verdict.tcbStatusName()).isEqualTo("UpToDate");
        assertThat(verdict.advisoryIds()).isEmpty();
        assertThat(verdict.keyBinding()).isEqualTo(Verdict.KeyBinding.BOUND);
        assertThat(verdict.debug()).isFalse();
        assertThat(verdict.measurements()).containsEntry("MRENCLAVE", hex(SyntheticQuoteBuilder.MRENCLAVE));
        assertThat(AppraisalPolicy.builder().build().appraise(verdict, AT).valid())
                .isTrue();
    }

    @Test
    void withoutAVerificationKeyTheBindingIsNotChecked() {
        Verdict verdict =
                new DcapQuoteVerifier(pki.root).verify(quote.build(), collateral.build(), VerificationContext.at(AT));
        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.keyBinding()).isEqualTo(Verdict.KeyBinding.NOT_CHECKED);
    }

    // Quote structure

    @ParameterizedTest
    @ValueSource(ints = {3, 4, 5})
    void aQuoteTruncatedAtAnyFieldBoundaryIsMalformed(int version) {
        quote.version = version;
        byte[] full = quote.build();
        List<Integer> boundaries = quote.fieldBoundaries();
        // Header fields, (v5: body type and size,) report body, signature data length, ISV signature,
        // attestation key, (v4+: certification data type and size,) QE report, its signature, auth data
        // length and data, PCK data type, size and chain; and finally the end.
        assertThat(boundaries)
                .startsWith(0, 2, 4, 8, 10, 12, 28, 48)
                .hasSize(19 + 2 * (version - 3))
                .last()
                .isEqualTo(full.length);
        for (int boundary : boundaries.subList(0, boundaries.size() - 1)) {
            for (int length : new int[] {boundary, boundary + 1}) {
                Verdict verdict = verify(Arrays.copyOf(full, length));
                assertThat(verdict.failure())
                        .as("quote cut to %d of %d bytes", length, full.length)
                        .isEqualTo(FailureReason.MALFORMED_EVIDENCE);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"-1", "1"})
    void aSignatureDataLengthThatDisagreesWithItsContentsIsMalformed(int change) {
        byte[] bytes = quote.build();
        // The signature data length is the u32 after the 48-byte header and the 384-byte report body.
        bytes[432] += (byte) change;
        assertThat(verify(bytes).failure()).isEqualTo(FailureReason.MALFORMED_EVIDENCE);
    }

    @Test
    void nonZeroBytesAfterTheSignatureDataAreMalformed() {
        byte[] unpadded = quote.build();
        byte[] bytes = Arrays.copyOf(unpadded, unpadded.length + 4);
        assertThat(verify(bytes).valid()).isTrue();
        bytes[bytes.length - 1] = 7;
        assertThat(verify(bytes).failure()).isEqualTo(FailureReason.MALFORMED_EVIDENCE);
    }

    @ParameterizedTest
    @CsvSource({"3, MALFORMED_EVIDENCE", "9, UNSUPPORTED_EVIDENCE"})
    void aV5BodyTypeOtherThanAnSgxReportIsRejected(int bodyType, FailureReason reason) {
        quote.version = 5;
        quote.v5BodyType = bodyType;
        assertThat(verify().failure()).isEqualTo(reason);
    }

    @ParameterizedTest
    @CsvSource({
        "version, 2",
        "version, 6",
        "attestationKeyType, 3",
        "teeType, 129",
        "certificationDataType, 3",
    })
    void unsupportedQuoteVariantsAreRejected(String field, int value) {
        switch (field) {
            case "version" -> quote.version = value;
            case "attestationKeyType" -> quote.attestationKeyType = value;
            case "teeType" -> quote.teeType = value;
            default -> quote.certificationDataType = value;
        }
        assertThat(verify().failure()).isEqualTo(FailureReason.UNSUPPORTED_EVIDENCE);
    }

    // Signatures and bindings inside the quote

    @Test
    void anIsvReportSignedByAnotherKeyIsRejected() {
        quote.isvSigner = SyntheticDcapPki.newKey().getPrivate();
        assertThat(verify().failure()).isEqualTo(FailureReason.QUOTE_SIGNATURE_INVALID);
    }

    @Test
    void aQeReportNotSignedByThePckKeyIsRejected() {
        quote.qeReportSigner = pki.pckCaKey.getPrivate();
        assertThat(verify().failure()).isEqualTo(FailureReason.QE_REPORT_SIGNATURE_INVALID);
    }

    @Test
    void anAttestationKeyTheQeReportDoesNotCommitToIsRejected() {
        quote.qeReportData = new byte[64];
        assertThat(verify().failure()).isEqualTo(FailureReason.ATTESTATION_KEY_NOT_BOUND);
    }

    @Test
    void reportDataForAnotherKeyIsAKeyBindingMismatch() {
        quote.reportData = ReportDataBinding.of("another worker key");
        Verdict verdict = verify();
        assertThat(verdict.failure()).isEqualTo(FailureReason.KEY_BINDING_MISMATCH);
        assertThat(verdict.keyBinding()).isEqualTo(Verdict.KeyBinding.MISMATCH);
    }

    @Test
    void aQuoteWithoutCollateralIsRejected() {
        Verdict verdict = new DcapQuoteVerifier(pki.root).verify(quote.build(), null, context());
        assertThat(verdict.failure()).isEqualTo(FailureReason.MISSING_COLLATERAL);
    }

    // Certificates and CRLs

    @Test
    void aRevokedPckCertificateIsRejected() {
        collateral.pckCrl = SyntheticDcapPki.crl(pki.pckCa, pki.pckCaKey.getPrivate(), ISSUED, NEXT_UPDATE, pki.pck);
        assertThat(verify().failure()).isEqualTo(FailureReason.CERT_REVOKED);
    }

    @Test
    void aRevokedPckCaIsRejected() {
        collateral.rootCrl = SyntheticDcapPki.crl(pki.root, pki.rootKey.getPrivate(), ISSUED, NEXT_UPDATE, pki.pckCa);
        assertThat(verify().failure()).isEqualTo(FailureReason.CERT_REVOKED);
    }

    @Test
    void aRevokedTcbSigningCertificateIsRejected() {
        collateral.rootCrl =
                SyntheticDcapPki.crl(pki.root, pki.rootKey.getPrivate(), ISSUED, NEXT_UPDATE, pki.tcbSigning);
        assertThat(verify().failure()).isEqualTo(FailureReason.CERT_REVOKED);
    }

    @ParameterizedTest
    @CsvSource({
        "2024-01-01T00:00:00Z, 2025-02-28T23:59:59Z",
        "2025-03-01T00:00:01Z, 2031-01-01T00:00:00Z",
    })
    void aPckCertificateOutsideItsValidityIsRejected(Instant notBefore, Instant notAfter) {
        quote.pckChain =
                List.of(pki.pck(PLATFORM_SVNS, PLATFORM_PCE_SVN, FMSPC, notBefore, notAfter), pki.pckCa, pki.root);
        assertThat(verify().failure()).isEqualTo(FailureReason.CERT_NOT_VALID_AT_TIME);
    }

    @Test
    void anExpiredTcbSigningCertificateIsRejected() {
        X509Certificate expired = SyntheticDcapPki.issue(
                SyntheticDcapPki.TCB_SIGNING_NAME,
                pki.tcbSigningKey.getPublic(),
                pki.root,
                pki.rootKey.getPrivate(),
                CERTS_FROM,
                AT.minusSeconds(1),
                false);
        collateral.tcbInfoChain = List.of(expired, pki.root);
        assertThat(verify().failure()).isEqualTo(FailureReason.CERT_NOT_VALID_AT_TIME);
    }

    @ParameterizedTest
    @CsvSource({
        "PCK, 2025-01-01T00:00:00Z, 2025-02-28T23:59:59Z",
        "PCK, 2025-03-01T00:00:01Z, 2025-04-01T00:00:00Z",
        "Root, 2025-01-01T00:00:00Z, 2025-02-28T23:59:59Z",
        "Root, 2025-03-01T00:00:01Z, 2025-04-01T00:00:00Z",
    })
    void aCrlThatIsNotCurrentIsRejected(String which, Instant thisUpdate, Instant nextUpdate) {
        if (which.equals("PCK")) {
            collateral.pckCrl = SyntheticDcapPki.crl(pki.pckCa, pki.pckCaKey.getPrivate(), thisUpdate, nextUpdate);
        } else {
            collateral.rootCrl = SyntheticDcapPki.crl(pki.root, pki.rootKey.getPrivate(), thisUpdate, nextUpdate);
        }
        assertThat(verify().failure()).isEqualTo(FailureReason.CRL_NOT_CURRENT);
    }

    @Test
    void aCrlSignedByTheWrongKeyIsRejected() {
        KeyPair stranger = SyntheticDcapPki.newKey();
        collateral.pckCrl = SyntheticDcapPki.crl(pki.pckCa, stranger.getPrivate(), ISSUED, NEXT_UPDATE);
        assertThat(verify().failure()).isEqualTo(FailureReason.CRL_INVALID);

        collateral.pckCrl = SyntheticDcapPki.crl(pki.pckCa, pki.pckCaKey.getPrivate(), ISSUED, NEXT_UPDATE);
        collateral.rootCrl = SyntheticDcapPki.crl(pki.root, stranger.getPrivate(), ISSUED, NEXT_UPDATE);
        assertThat(verify().failure()).isEqualTo(FailureReason.CRL_INVALID);
    }

    @Test
    void aPckCrlFromAnotherPckCaIsRejected() {
        KeyPair processorCaKey = SyntheticDcapPki.newKey();
        X509Certificate processorCa = SyntheticDcapPki.issue(
                "CN=Intel SGX PCK Processor CA,O=Intel Corporation,L=Santa Clara,ST=CA,C=US",
                processorCaKey.getPublic(),
                pki.root,
                pki.rootKey.getPrivate(),
                CERTS_FROM,
                CERTS_UNTIL,
                true);
        collateral.pckCrl = SyntheticDcapPki.crl(processorCa, processorCaKey.getPrivate(), ISSUED, NEXT_UPDATE);
        collateral.pckCrlChain = List.of(processorCa, pki.root);
        assertThat(verify().failure()).isEqualTo(FailureReason.CRL_INVALID);
    }

    @Test
    void aPckChainToAnImpostorRootOfTheSameNameIsUntrusted() {
        SyntheticDcapPki impostor = new SyntheticDcapPki();
        SyntheticQuoteBuilder forged = new SyntheticQuoteBuilder(impostor);
        assertThat(verify(forged.build()).failure()).isEqualTo(FailureReason.CERT_CHAIN_UNTRUSTED);

        forged.pckChain = List.of(impostor.pck, impostor.pckCa);
        assertThat(verify(forged.build()).failure()).isEqualTo(FailureReason.CERT_CHAIN_UNTRUSTED);
    }

    @Test
    void aPckCertificateIssuedByANonCaIsUntrusted() {
        assertThat(verifyWithPckIssuedBy(pki.tcbSigning, pki.tcbSigningKey))
                .isEqualTo(FailureReason.CERT_CHAIN_UNTRUSTED);
    }

    @Test
    void aPckCertificateWithoutTheSgxExtensionIsMalformed() {
        assertThat(verifyWithPckIssuedBy(pki.pckCa, pki.pckCaKey)).isEqualTo(FailureReason.MALFORMED_EVIDENCE);
    }

    /** The failure for a PCK certificate without the SGX extension, issued by {@code issuer}. */
    private FailureReason verifyWithPckIssuedBy(X509Certificate issuer, KeyPair issuerKey) {
        X509Certificate pck = SyntheticDcapPki.issue(
                SyntheticDcapPki.PCK_NAME,
                pki.pckKey.getPublic(),
                issuer,
                issuerKey.getPrivate(),
                CERTS_FROM,
                CERTS_UNTIL,
                false);
        quote.pckChain = List.of(pck, issuer, pki.root);
        return verify().failure();
    }

    // TCB Info and QE Identity

    @Test
    void collateralSignedByAnotherKeyIsRejected() {
        collateral.tcbInfoSigner = pki.rootKey.getPrivate();
        assertThat(verify().failure()).isEqualTo(FailureReason.COLLATERAL_SIGNATURE_INVALID);

        collateral.tcbInfoSigner = pki.tcbSigningKey.getPrivate();
        collateral.qeIdentitySigner = SyntheticDcapPki.newKey().getPrivate();
        assertThat(verify().failure()).isEqualTo(FailureReason.COLLATERAL_SIGNATURE_INVALID);
    }

    @Test
    void collateralSignedUnderAnotherRootIsUntrusted() {
        SyntheticDcapPki impostor = new SyntheticDcapPki();
        collateral.tcbInfoSigner = impostor.tcbSigningKey.getPrivate();
        collateral.tcbInfoChain = List.of(impostor.tcbSigning, impostor.root);
        assertThat(verify().failure()).isEqualTo(FailureReason.CERT_CHAIN_UNTRUSTED);
    }

    @Test
    void collateralSignedWithAPckKeyIsRejected() {
        // A PCK key extracted from a compromised platform chains to the root too, but must not vouch
        // for that platform's TCB: only the TCB Signing key, issued by the root itself, signs
        // collateral.
        collateral.tcbInfoSigner = pki.pckKey.getPrivate();
        collateral.tcbInfoChain = List.of(pki.pck, pki.pckCa, pki.root);
        assertThat(verify().failure()).isEqualTo(FailureReason.COLLATERAL_SIGNATURE_INVALID);

        collateral.tcbInfoSigner = pki.tcbSigningKey.getPrivate();
        collateral.tcbInfoChain = List.of(pki.tcbSigning, pki.root);
        collateral.qeIdentitySigner = pki.pckKey.getPrivate();
        collateral.qeIdentityChain = List.of(pki.pck, pki.pckCa, pki.root);
        assertThat(verify().failure()).isEqualTo(FailureReason.COLLATERAL_SIGNATURE_INVALID);
    }

    @ParameterizedTest
    @CsvSource({
        "TCB Info, 2025-01-01T00:00:00Z, 2025-02-28T23:59:59Z",
        "TCB Info, 2025-03-01T00:00:01Z, 2025-04-01T00:00:00Z",
        "QE Identity, 2025-01-01T00:00:00Z, 2025-02-28T23:59:59Z",
        "QE Identity, 2025-03-01T00:00:01Z, 2025-04-01T00:00:00Z",
    })
    void collateralOutsideItsValidityWindowIsRejected(String which, Instant issued, Instant nextUpdate) {
        if (which.equals("TCB Info")) {
            collateral.tcbInfoIssued = issued;
            collateral.tcbInfoNextUpdate = nextUpdate;
        } else {
            collateral.qeIdentityIssued = issued;
            collateral.qeIdentityNextUpdate = nextUpdate;
        }
        assertThat(verify().failure()).isEqualTo(FailureReason.COLLATERAL_NOT_CURRENT);
    }

    @ParameterizedTest
    @CsvSource({"tcbInfoId, TDX", "fmspc, 00906ED50001", "qeIdentityId, TD_QE"})
    void collateralForAnotherPlatformOrTeeIsAMismatch(String field, String value) {
        switch (field) {
            case "tcbInfoId" -> collateral.tcbInfoId = value;
            case "fmspc" -> collateral.fmspc = value;
            default -> collateral.qeIdentityId = value;
        }
        assertThat(verify().failure()).isEqualTo(FailureReason.COLLATERAL_MISMATCH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"MRSIGNER", "ISVPRODID", "ATTRIBUTES", "MISCSELECT"})
    void aQuotingEnclaveUnlikeTheQeIdentityIsRejected(String field) {
        switch (field) {
            case "MRSIGNER" -> quote.qeMrSigner = SyntheticQuoteBuilder.MRSIGNER;
            case "ISVPRODID" -> quote.qeIsvProdId = SyntheticCollateral.QE_ISVPRODID + 1;
            case "ATTRIBUTES" -> quote.qeFlags = SyntheticCollateral.QE_FLAGS | SyntheticQuoteBuilder.DEBUG;
            default -> quote.qeMiscSelect = 1;
        }
        Verdict verdict = verify();
        assertThat(verdict.failure()).isEqualTo(FailureReason.QE_IDENTITY_MISMATCH);
        assertThat(verdict.detail()).contains(field);
    }

    @Test
    void aQuotingEnclaveBelowEveryQeTcbLevelIsNotSupported() {
        collateral.qeTcbLevels = List.of(qeTcbLevel(SyntheticCollateral.QE_ISVSVN + 1, "UpToDate"));
        assertThat(verify().failure()).isEqualTo(FailureReason.TCB_NOT_SUPPORTED);
    }

    @Test
    void aPlatformBelowEveryTcbLevelIsNotSupported() {
        collateral.tcbLevels = List.of(
                tcbLevel(aboveThePlatform(7), PLATFORM_PCE_SVN, UP_TO_DATE_DATE, "UpToDate"),
                tcbLevel(PLATFORM_SVNS, PLATFORM_PCE_SVN + 1, "2024-06-01T00:00:00Z", "OutOfDate"));
        assertThat(verify().failure()).isEqualTo(FailureReason.TCB_NOT_SUPPORTED);
    }

    @Test
    void aTcbLevelWithAnUnknownStatusIsMalformed() {
        collateral.tcbLevels = List.of(tcbLevel(PLATFORM_SVNS, PLATFORM_PCE_SVN, UP_TO_DATE_DATE, "Fine"));
        assertThat(verify().failure()).isEqualTo(FailureReason.MALFORMED_EVIDENCE);
    }

    // TCB status and policy

    @Test
    void aRevokedTcbLevelIsRejected() {
        collateral.tcbLevels = List.of(
                tcbLevel(aboveThePlatform(0), PLATFORM_PCE_SVN, OUT_OF_DATE_SINCE, "UpToDate"),
                tcbLevel(PLATFORM_SVNS, PLATFORM_PCE_SVN, "2024-06-01T00:00:00Z", "Revoked"));
        Verdict verdict = verify();
        assertThat(verdict.failure()).isEqualTo(FailureReason.TCB_REVOKED);
        assertThat(verdict.tcbStatus()).isEqualTo(TcbStatus.REVOKED);
    }

    @Test
    void anOutOfDatePlatformIsAcceptedOnlyWithinTheGracePeriod() {
        collateral.tcbLevels = List.of(
                tcbLevel(aboveThePlatform(0), PLATFORM_PCE_SVN, OUT_OF_DATE_SINCE, "UpToDate"),
                tcbLevel(PLATFORM_SVNS, PLATFORM_PCE_SVN, "2024-06-01T00:00:00Z", "OutOfDate", "INTEL-SA-00999"));
        Verdict verdict = verify();
        assertThat(verdict.reasonText()).isEqualTo("valid");
        assertThat(verdict.tcbStatus()).isEqualTo(TcbStatus.OUT_OF_DATE);
        assertThat(verdict.advisoryIds()).containsExactly("INTEL-SA-00999");
        assertThat(verdict.outdatedSince()).isEqualTo(Instant.parse(OUT_OF_DATE_SINCE));

        // AT is 45 days after the platform fell behind.
        assertThat(AppraisalPolicy.builder().build().appraise(verdict, AT).failure())
                .isEqualTo(FailureReason.TCB_STATUS_NOT_ALLOWED);
        assertThat(AppraisalPolicy.builder()
                        .outOfDateGrace(Duration.ofDays(46))
                        .build()
                        .appraise(verdict, AT)
                        .valid())
                .isTrue();
        assertThat(AppraisalPolicy.builder()
                        .outOfDateGrace(Duration.ofDays(45))
                        .build()
                        .appraise(verdict, AT)
                        .failure())
                .isEqualTo(FailureReason.TCB_STATUS_NOT_ALLOWED);
    }

    @Test
    void anOutOfDateQuotingEnclaveMakesThePlatformOutOfDate() {
        collateral.qeTcbLevels = List.of(
                qeTcbLevel(SyntheticCollateral.QE_ISVSVN + 1, "UpToDate"),
                qeTcbLevel(SyntheticCollateral.QE_ISVSVN, "OutOfDate", "INTEL-SA-00615"));
        Verdict verdict = verify();
        assertThat(verdict.tcbStatus()).isEqualTo(TcbStatus.OUT_OF_DATE);
        assertThat(verdict.advisoryIds()).containsExactly("INTEL-SA-00615");
    }

    @ParameterizedTest
    @CsvSource({
        "SWHardeningNeeded, SW_HARDENING_NEEDED",
        "ConfigurationNeeded, CONFIGURATION_NEEDED",
        "ConfigurationAndSWHardeningNeeded, CONFIGURATION_AND_SW_HARDENING_NEEDED",
    })
    void advisoryStatusesNeedAPermissivePolicyAndNoDeniedAdvisory(String intelName, TcbStatus status) {
        collateral.tcbLevels = List.of(tcbLevel(
                PLATFORM_SVNS, PLATFORM_PCE_SVN, UP_TO_DATE_DATE, intelName, "INTEL-SA-00334", "INTEL-SA-00615"));
        Verdict verdict = verify();
        assertThat(verdict.reasonText()).isEqualTo("valid");
        assertThat(verdict.tcbStatusName()).isEqualTo(intelName);
        assertThat(verdict.advisoryIds()).containsExactly("INTEL-SA-00334", "INTEL-SA-00615");

        assertThat(AppraisalPolicy.builder().build().appraise(verdict, AT).failure())
                .isEqualTo(FailureReason.TCB_STATUS_NOT_ALLOWED);
        assertThat(AppraisalPolicy.builder()
                        .minimumStatus(status)
                        .build()
                        .appraise(verdict, AT)
                        .valid())
                .isTrue();
        assertThat(AppraisalPolicy.builder()
                        .minimumStatus(status)
                        .denyAdvisories("INTEL-SA-00615")
                        .build()
                        .appraise(verdict, AT)
                        .failure())
                .isEqualTo(FailureReason.ADVISORY_DENIED);
    }

    @Test
    void aDebugEnclaveIsRefusedUnlessPolicyAllowsIt() {
        quote.enclaveFlags = SyntheticQuoteBuilder.INIT_MODE64 | SyntheticQuoteBuilder.DEBUG;
        Verdict verdict = verify();
        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.debug()).isTrue();
        assertThat(AppraisalPolicy.builder().build().appraise(verdict, AT).failure())
                .isEqualTo(FailureReason.DEBUG_NOT_ALLOWED);
        assertThat(AppraisalPolicy.builder()
                        .allowDebug()
                        .build()
                        .appraise(verdict, AT)
                        .valid())
                .isTrue();
    }

    @Test
    void aMeasurementOffTheAllowListIsRefused() {
        Verdict verdict = verify();
        assertThat(AppraisalPolicy.builder()
                        .allowMeasurement("MRENCLAVE", "00".repeat(32))
                        .build()
                        .appraise(verdict, AT)
                        .failure())
                .isEqualTo(FailureReason.MEASUREMENT_NOT_ALLOWED);
        assertThat(AppraisalPolicy.builder()
                        .allowMeasurement("MRENCLAVE", hex(SyntheticQuoteBuilder.MRENCLAVE))
                        .allowMeasurement("MRSIGNER", hex(SyntheticQuoteBuilder.MRSIGNER))
                        .build()
                        .appraise(verdict, AT)
                        .valid())
                .isTrue();
    }

    @Test
    void aKindThePolicyDoesNotAllowIsRefused() {
        assertThat(AppraisalPolicy.builder()
                        .allowKinds(TeeKind.TDX_DCAP)
                        .build()
                        .appraise(verify(), AT)
                        .failure())
                .isEqualTo(FailureReason.KIND_NOT_ALLOWED);
    }

    private Verdict verify() {
        return verify(quote.build());
    }

    private Verdict verify(byte[] quoteBytes) {
        return new DcapQuoteVerifier(pki.root).verify(quoteBytes, collateral.build(), context());
    }

    private static VerificationContext context() {
        return VerificationContext.at(AT).boundTo(WORKER_KEY);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
