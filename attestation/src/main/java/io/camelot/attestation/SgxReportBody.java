package io.camelot.attestation;

import java.util.Arrays;

/** The 384-byte SGX enclave report body (sgx_report_body_t), as found in EPID and ECDSA quotes. */
record SgxReportBody(
        byte[] cpuSvn,
        int miscSelect,
        byte[] attributes,
        byte[] mrEnclave,
        byte[] mrSigner,
        int isvProdId,
        int isvSvn,
        byte[] reportData) {
    static final int LENGTH = 384;
    private static final int DEBUG_FLAG = 0x02;

    static SgxReportBody parse(byte[] bytes, int offset) {
        if (bytes.length < offset + LENGTH) {
            throw new VerificationException(FailureReason.MALFORMED_EVIDENCE, "truncated SGX report body");
        }
        LittleEndian in = new LittleEndian(bytes, offset);
        byte[] cpuSvn = in.bytes(16);
        int miscSelect = in.u32();
        in.skip(28);
        byte[] attributes = in.bytes(16);
        byte[] mrEnclave = in.bytes(32);
        in.skip(32);
        byte[] mrSigner = in.bytes(32);
        in.skip(96);
        int isvProdId = in.u16();
        int isvSvn = in.u16();
        in.skip(60);
        byte[] reportData = in.bytes(64);
        return new SgxReportBody(cpuSvn, miscSelect, attributes, mrEnclave, mrSigner, isvProdId, isvSvn, reportData);
    }

    boolean debug() {
        return (attributes[0] & DEBUG_FLAG) != 0;
    }

    void record(Findings findings) {
        findings.measurement("MRENCLAVE", mrEnclave);
        findings.measurement("MRSIGNER", mrSigner);
        findings.measurements.put("ISVPRODID", Integer.toString(isvProdId));
        findings.measurements.put("ISVSVN", Integer.toString(isvSvn));
        findings.debug = debug();
        findings.reportData = Arrays.copyOf(reportData, reportData.length);
    }
}
