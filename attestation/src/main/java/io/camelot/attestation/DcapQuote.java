package io.camelot.attestation;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

/**
 * An Intel ECDSA (DCAP) quote, version 3 (SGX), 4 (SGX or TDX) or 5 (with a typed body), with
 * attestation key type 2 (ECDSA P-256) and the PCK certificate chain embedded (certification data
 * type 5).
 *
 * @param signedBytes header and body exactly as the attestation key signed them
 * @param qeReportBytes the raw QE report, as the PCK key signed it
 */
record DcapQuote(
        int version,
        TeeKind kind,
        int qeSvn,
        int pceSvn,
        byte[] qeVendorId,
        SgxReportBody enclaveReport,
        TdReportBody tdReport,
        byte[] signedBytes,
        byte[] signature,
        byte[] attestationKey,
        byte[] qeReportBytes,
        SgxReportBody qeReport,
        byte[] qeReportSignature,
        byte[] qeAuthData,
        List<X509Certificate> pckChain) {

    private static final int ECDSA_P256 = 2;
    private static final int TEE_SGX = 0x00;
    private static final int TEE_TDX = 0x81;
    private static final int CERT_DATA_PCK_CHAIN = 5;
    private static final int CERT_DATA_QE_REPORT = 6;
    private static final String PEM_END = "-----END CERTIFICATE-----";

    /** The kind a quote claims to be, from its header alone, for reporting failures to parse it. */
    static TeeKind peekKind(byte[] quote) {
        return quote.length >= 8 && (quote[4] & 0xff) == TEE_TDX ? TeeKind.TDX_DCAP : TeeKind.SGX_DCAP;
    }

    static DcapQuote parse(byte[] quote) {
        LittleEndian in = new LittleEndian(quote, 0);
        int version = in.u16();
        int keyType = in.u16();
        int teeType = in.u32();
        int qeSvn = in.u16();
        int pceSvn = in.u16();
        byte[] qeVendorId = in.bytes(16);
        in.skip(20);
        if (version < 3 || version > 5) {
            throw unsupported("quote version " + version);
        }
        if (keyType != ECDSA_P256) {
            throw unsupported("attestation key type " + keyType + " (only 2, ECDSA P-256)");
        }
        if (teeType != TEE_SGX && (teeType != TEE_TDX || version == 3)) {
            throw unsupported("TEE type 0x" + Integer.toHexString(teeType) + " in a v" + version + " quote");
        }
        int bodyLength = teeType == TEE_SGX ? SgxReportBody.LENGTH : TdReportBody.TD10_LENGTH;
        if (version == 5) {
            int bodyType = in.u16();
            bodyLength = in.u32();
            int expected = switch (bodyType) {
                case 1 -> SgxReportBody.LENGTH;
                case 2 -> TdReportBody.TD10_LENGTH;
                case 3 -> TdReportBody.TD15_LENGTH;
                default -> throw unsupported("v5 body type " + bodyType);
            };
            if (bodyLength != expected || (bodyType == 1) != (teeType == TEE_SGX)) {
                throw new VerificationException(
                        FailureReason.MALFORMED_EVIDENCE, "v5 body type " + bodyType + " with size " + bodyLength);
            }
        }
        int bodyStart = in.position();
        SgxReportBody enclaveReport = null;
        TdReportBody tdReport = null;
        if (teeType == TEE_SGX) {
            enclaveReport = SgxReportBody.parse(quote, bodyStart);
            in.skip(bodyLength);
        } else {
            tdReport = TdReportBody.parse(in, bodyLength);
        }
        byte[] signedBytes = Arrays.copyOf(quote, in.position());
        int signatureDataLength = in.u32();
        int signatureDataEnd = in.position() + signatureDataLength;
        byte[] signature = in.bytes(64);
        byte[] attestationKey = in.bytes(64);
        if (version >= 4) {
            // v4+ wrap the QE report and PCK data in certification data of type 6.
            int certType = in.u16();
            in.u32();
            if (certType != CERT_DATA_QE_REPORT) {
                throw unsupported("certification data type " + certType + " (expected 6, QE report)");
            }
        }
        byte[] qeReportBytes = in.bytes(SgxReportBody.LENGTH);
        SgxReportBody qeReport = SgxReportBody.parse(qeReportBytes, 0);
        byte[] qeReportSignature = in.bytes(64);
        byte[] qeAuthData = in.bytes(in.u16());
        int pckType = in.u16();
        byte[] pckData = in.bytes(in.u32());
        if (pckType != CERT_DATA_PCK_CHAIN) {
            throw unsupported("PCK certification data type " + pckType + " (only 5, PEM chain)");
        }
        requireNothingAfterPem(pckData);
        if (in.position() != signatureDataEnd) {
            throw new VerificationException(
                    FailureReason.MALFORMED_EVIDENCE, "signature data length does not match its contents");
        }
        for (int i = signatureDataEnd; i < quote.length; i++) {
            // Some producers pad quotes with zeros; anything else is unsigned data we refuse to carry.
            if (quote[i] != 0) {
                throw new VerificationException(
                        FailureReason.MALFORMED_EVIDENCE, "non-zero byte after the signature data at offset " + i);
            }
        }
        return new DcapQuote(
                version,
                teeType == TEE_SGX ? TeeKind.SGX_DCAP : TeeKind.TDX_DCAP,
                qeSvn,
                pceSvn,
                qeVendorId,
                enclaveReport,
                tdReport,
                signedBytes,
                signature,
                attestationKey,
                qeReportBytes,
                qeReport,
                qeReportSignature,
                qeAuthData,
                Certificates.parseChain(pckData));
    }

    /**
     * No signature covers the PEM framing, so nothing but whitespace or NUL may follow the last
     * certificate.
     */
    private static void requireNothingAfterPem(byte[] pem) {
        String text = new String(pem, StandardCharsets.ISO_8859_1);
        int end = text.lastIndexOf(PEM_END);
        if (end < 0 || !text.substring(end + PEM_END.length()).matches("[\\s\\x00]*")) {
            throw new VerificationException(
                    FailureReason.MALFORMED_EVIDENCE, "unexpected bytes after the PCK certificate chain");
        }
    }

    byte[] reportData() {
        return enclaveReport != null ? enclaveReport.reportData() : tdReport.reportData();
    }

    private static VerificationException unsupported(String what) {
        return new VerificationException(FailureReason.UNSUPPORTED_EVIDENCE, "unsupported " + what);
    }
}
