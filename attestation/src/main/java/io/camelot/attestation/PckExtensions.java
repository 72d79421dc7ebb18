package io.camelot.attestation;

import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;

/**
 * The Intel SGX extensions of a PCK certificate (OID 1.2.840.113741.1.13.1): the platform's TCB (16
 * component SVNs and the PCE SVN), PCE ID and FMSPC, which select and match the TCB Info.
 */
record PckExtensions(int[] componentSvns, int pceSvn, byte[] pceId, byte[] fmspc) {
    static final String SGX_EXTENSIONS = "1.2.840.113741.1.13.1";
    private static final String TCB = SGX_EXTENSIONS + ".2";
    private static final String PCESVN = TCB + ".17";
    private static final String PCE_ID = SGX_EXTENSIONS + ".3";
    private static final String FMSPC = SGX_EXTENSIONS + ".4";

    static PckExtensions of(X509Certificate pck) {
        byte[] wrapped = pck.getExtensionValue(SGX_EXTENSIONS);
        if (wrapped == null) {
            throw new VerificationException(
                    FailureReason.MALFORMED_EVIDENCE, "the PCK certificate has no SGX extensions");
        }
        try {
            ASN1Sequence extensions = ASN1Sequence.getInstance(
                    ASN1OctetString.getInstance(wrapped).getOctets());
            int[] svns = new int[16];
            int pceSvn = -1;
            byte[] pceId = null;
            byte[] fmspc = null;
            for (ASN1Encodable entry : extensions) {
                ASN1Sequence pair = ASN1Sequence.getInstance(entry);
                String oid =
                        ASN1ObjectIdentifier.getInstance(pair.getObjectAt(0)).getId();
                ASN1Primitive value = pair.getObjectAt(1).toASN1Primitive();
                switch (oid) {
                    case TCB -> {
                        for (ASN1Encodable component : ASN1Sequence.getInstance(value)) {
                            ASN1Sequence item = ASN1Sequence.getInstance(component);
                            String componentOid = ASN1ObjectIdentifier.getInstance(item.getObjectAt(0))
                                    .getId();
                            int index = Integer.parseInt(componentOid.substring(TCB.length() + 1));
                            if (index >= 1 && index <= 16) {
                                svns[index - 1] = ASN1Integer.getInstance(item.getObjectAt(1))
                                        .intValueExact();
                            } else if (componentOid.equals(PCESVN)) {
                                pceSvn = ASN1Integer.getInstance(item.getObjectAt(1))
                                        .intValueExact();
                            }
                        }
                    }
                    case PCE_ID -> pceId = ASN1OctetString.getInstance(value).getOctets();
                    case FMSPC -> fmspc = ASN1OctetString.getInstance(value).getOctets();
                    default -> {}
                }
            }
            if (pceSvn < 0 || pceId == null || fmspc == null) {
                throw new VerificationException(
                        FailureReason.MALFORMED_EVIDENCE, "the PCK certificate lacks TCB, PCE ID or FMSPC");
            }
            return new PckExtensions(svns, pceSvn, pceId, fmspc);
        } catch (IllegalArgumentException | ArithmeticException | ClassCastException e) {
            throw new VerificationException(
                    FailureReason.MALFORMED_EVIDENCE, "cannot parse the PCK SGX extensions: " + e.getMessage(), e);
        }
    }
}
