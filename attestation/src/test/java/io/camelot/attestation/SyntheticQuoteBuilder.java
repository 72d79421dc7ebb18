package io.camelot.attestation;

import io.camelot.protocol.hash.Sha256;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Assembles an SGX ECDSA quote byte for byte in Intel's layout: v3, v4 (QE report certification
 * data of type 6 around the PCK data) or v5 (v4 plus a typed, sized body). The fields are the knobs
 * tests turn; their defaults give a quote that verifies against {@link SyntheticCollateral}'s
 * defaults and is bound to {@link #WORKER_KEY}.
 */
final class SyntheticQuoteBuilder {
    static final String WORKER_KEY = "-----BEGIN PUBLIC KEY-----\nsynthetic worker\n-----END PUBLIC KEY-----\n";
    static final byte[] MRENCLAVE = Sha256.digest("synthetic worker enclave");
    static final byte[] MRSIGNER = Sha256.digest("synthetic worker signer");
    private static final byte[] CPU_SVN = {5, 5, 2, 2, 3, 1, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0};
    static final byte[] QE_VENDOR_ID = HexFormat.of().parseHex("939a7233f79c4ca9940a0db3957f0607");

    /** SGX ATTRIBUTES flags: INIT | MODE64BIT, and DEBUG. */
    static final int INIT_MODE64 = 0x05;

    static final int DEBUG = 0x02;

    int version = 3;
    int attestationKeyType = 2;
    int teeType = 0;

    /** v5 only: 1 is an SGX report body. */
    int v5BodyType = 1;

    int enclaveFlags = INIT_MODE64;
    byte[] reportData = ReportDataBinding.of(WORKER_KEY);
    KeyPair attestationKey = SyntheticDcapPki.newKey();

    /** Who signs header ‖ body; null for the attestation key. */
    PrivateKey isvSigner;

    int qeMiscSelect = 0;
    int qeFlags = SyntheticCollateral.QE_FLAGS;
    byte[] qeMrSigner = SyntheticCollateral.QE_MRSIGNER.clone();
    int qeIsvProdId = SyntheticCollateral.QE_ISVPRODID;
    int qeIsvSvn = SyntheticCollateral.QE_ISVSVN;

    /** Null for the binding Intel's QE makes: SHA-256(attestation key ‖ QE auth data) ‖ zeros. */
    byte[] qeReportData;

    PrivateKey qeReportSigner;
    byte[] qeAuthData = Sha256.digest("QE authentication data");
    int certificationDataType = 5;
    List<X509Certificate> pckChain;

    SyntheticQuoteBuilder(SyntheticDcapPki pki) {
        qeReportSigner = pki.pckKey.getPrivate();
        pckChain = List.of(pki.pck, pki.pckCa, pki.root);
    }

    byte[] build() {
        return assemble().toByteArray();
    }

    /** Offsets at which each field of {@link #build()}'s quote starts, and its total length. */
    List<Integer> fieldBoundaries() {
        LittleEndianOut quote = assemble();
        List<Integer> boundaries = new ArrayList<>(quote.fieldStarts);
        boundaries.add(quote.size());
        return boundaries;
    }

    private LittleEndianOut assemble() {
        LittleEndianOut quote = new LittleEndianOut();
        quote.u16(version)
                .u16(attestationKeyType)
                .u32(teeType)
                .u16(qeIsvSvn)
                .u16(SyntheticDcapPki.PLATFORM_PCE_SVN)
                .bytes(QE_VENDOR_ID)
                .bytes(new byte[20]);
        if (version == 5) {
            quote.u16(v5BodyType).u32(SgxReportBody.LENGTH);
        }
        quote.bytes(reportBody(CPU_SVN, 0, enclaveFlags, MRENCLAVE, MRSIGNER, 0, 1, reportData));
        byte[] isvSignature = SyntheticDcapPki.ecdsa(
                isvSigner != null ? isvSigner : attestationKey.getPrivate(), quote.toByteArray());

        byte[] attestationPublicKey = rawPublicKey(attestationKey);
        byte[] qeReport = reportBody(
                new byte[16],
                qeMiscSelect,
                qeFlags,
                Sha256.digest("QE MRENCLAVE"),
                qeMrSigner,
                qeIsvProdId,
                qeIsvSvn,
                qeReportData != null
                        ? qeReportData
                        : Arrays.copyOf(Sha256.digestConcat(attestationPublicKey, qeAuthData), 64));
        LittleEndianOut qeCertification = new LittleEndianOut();
        qeCertification
                .bytes(qeReport)
                .bytes(SyntheticDcapPki.ecdsa(qeReportSigner, qeReport))
                .u16(qeAuthData.length)
                .bytes(qeAuthData);
        byte[] chain = SyntheticDcapPki.pem(pckChain);
        qeCertification.u16(certificationDataType).u32(chain.length).bytes(chain);

        LittleEndianOut signatureData = new LittleEndianOut();
        signatureData.bytes(isvSignature).bytes(attestationPublicKey);
        if (version >= 4) {
            signatureData.u16(6).u32(qeCertification.size());
        }
        signatureData.append(qeCertification);
        quote.u32(signatureData.size()).append(signatureData);
        return quote;
    }

    /**
     * sgx_report_body_t: 384 bytes, reserved areas zero; only the first ATTRIBUTES byte holds flags
     * here.
     */
    private static byte[] reportBody(
            byte[] cpuSvn,
            int miscSelect,
            int flags,
            byte[] mrEnclave,
            byte[] mrSigner,
            int isvProdId,
            int isvSvn,
            byte[] reportData) {
        byte[] attributes = new byte[16];
        attributes[0] = (byte) flags;
        LittleEndianOut body = new LittleEndianOut();
        body.bytes(cpuSvn)
                .u32(miscSelect)
                .bytes(new byte[28])
                .bytes(attributes)
                .bytes(mrEnclave)
                .bytes(new byte[32])
                .bytes(mrSigner)
                .bytes(new byte[96])
                .u16(isvProdId)
                .u16(isvSvn)
                .bytes(new byte[60])
                .bytes(reportData);
        return body.toByteArray();
    }

    /** The attestation key as quotes carry it: x ‖ y, 32 bytes each. */
    private static byte[] rawPublicKey(KeyPair key) {
        ECPublicKey publicKey = (ECPublicKey) key.getPublic();
        byte[] xy = new byte[64];
        fixed32(publicKey.getW().getAffineX(), xy, 0);
        fixed32(publicKey.getW().getAffineY(), xy, 32);
        return xy;
    }

    private static void fixed32(BigInteger value, byte[] into, int offset) {
        byte[] bytes = value.toByteArray();
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, into, offset + 32 - length, length);
    }

    /** Little-endian writer that remembers where every field starts. */
    private static final class LittleEndianOut {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final List<Integer> fieldStarts = new ArrayList<>();

        LittleEndianOut u16(int value) {
            return bytes(new byte[] {(byte) value, (byte) (value >>> 8)});
        }

        LittleEndianOut u32(int value) {
            return bytes(new byte[] {(byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)});
        }

        LittleEndianOut bytes(byte[] field) {
            fieldStarts.add(out.size());
            out.writeBytes(field);
            return this;
        }

        LittleEndianOut append(LittleEndianOut fields) {
            int offset = out.size();
            fields.fieldStarts.forEach(start -> fieldStarts.add(offset + start));
            out.writeBytes(fields.toByteArray());
            return this;
        }

        int size() {
            return out.size();
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
