package io.camelot.attestation;

/**
 * A TDX TD report body as quoted: TD 1.0 (584 bytes) or TD 1.5 (648 bytes, adding TEE_TCB_SVN2 and
 * MRSERVICETD).
 */
record TdReportBody(
        byte[] teeTcbSvn,
        byte[] mrSeam,
        byte[] mrSignerSeam,
        byte[] seamAttributes,
        byte[] tdAttributes,
        byte[] xfam,
        byte[] mrTd,
        byte[] mrConfigId,
        byte[] mrOwner,
        byte[] mrOwnerConfig,
        byte[][] rtmrs,
        byte[] reportData) {
    static final int TD10_LENGTH = 584;
    static final int TD15_LENGTH = 648;
    private static final int DEBUG_FLAG = 0x01;

    static TdReportBody parse(LittleEndian in, int length) {
        int start = in.position();
        TdReportBody body = new TdReportBody(
                in.bytes(16),
                in.bytes(48),
                in.bytes(48),
                in.bytes(8),
                in.bytes(8),
                in.bytes(8),
                in.bytes(48),
                in.bytes(48),
                in.bytes(48),
                in.bytes(48),
                new byte[][] {in.bytes(48), in.bytes(48), in.bytes(48), in.bytes(48)},
                in.bytes(64));
        // TD 1.5 fields are covered by the quote signature but not used in appraisal here.
        in.skip(length - (in.position() - start));
        return body;
    }

    /** TDX module minor SVN, the isvsvn of its module identity. */
    int moduleIsvSvn() {
        return teeTcbSvn[0] & 0xff;
    }

    /** TDX module major version: 0 for TDX 1.0 modules without module identities. */
    int moduleVersion() {
        return teeTcbSvn[1] & 0xff;
    }

    void record(Findings findings) {
        findings.measurement("MRTD", mrTd);
        for (int i = 0; i < rtmrs.length; i++) {
            findings.measurement("RTMR" + i, rtmrs[i]);
        }
        findings.measurement("MRSEAM", mrSeam);
        findings.measurement("MRCONFIGID", mrConfigId);
        findings.measurement("MROWNER", mrOwner);
        findings.measurement("MROWNERCONFIG", mrOwnerConfig);
        findings.measurement("TEE_TCB_SVN", teeTcbSvn);
        findings.debug = (tdAttributes[0] & DEBUG_FLAG) != 0;
        findings.reportData = reportData.clone();
    }
}
