package io.camelot.attestation;

import static io.camelot.attestation.SyntheticDcapPki.ISSUED;
import static io.camelot.attestation.SyntheticDcapPki.NEXT_UPDATE;

import io.camelot.protocol.hash.Sha256;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * PCS collateral for {@link SyntheticDcapPki}: TCB Info v3 and QE Identity v2 signed as Intel signs
 * them, their issuer chains and the two CRLs. The fields are the knobs tests turn; their defaults
 * make the platform UpToDate at {@link SyntheticDcapPki#AT}.
 */
final class SyntheticCollateral {
    static final byte[] QE_MRSIGNER = Sha256.digest("synthetic quoting enclave signer");
    static final int QE_ISVPRODID = 1;
    static final int QE_ISVSVN = 8;

    /** QE ATTRIBUTES flags: INIT | PROVISIONKEY. */
    static final int QE_FLAGS = 0x11;

    static final String UP_TO_DATE_DATE = "2024-11-13T00:00:00Z";
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    String tcbInfoId = "SGX";
    String fmspc = SyntheticDcapPki.FMSPC;
    Instant tcbInfoIssued = ISSUED;
    Instant tcbInfoNextUpdate = NEXT_UPDATE;
    List<String> tcbLevels = List.of(
            tcbLevel(SyntheticDcapPki.PLATFORM_SVNS, SyntheticDcapPki.PLATFORM_PCE_SVN, UP_TO_DATE_DATE, "UpToDate"));
    PrivateKey tcbInfoSigner;
    List<X509Certificate> tcbInfoChain;

    String qeIdentityId = "QE";
    String qeMiscSelect = "00000000";
    String qeAttributes = "11000000000000000000000000000000";
    String qeMrSigner = HEX.formatHex(QE_MRSIGNER);
    int qeIsvProdId = QE_ISVPRODID;
    Instant qeIdentityIssued = ISSUED;
    Instant qeIdentityNextUpdate = NEXT_UPDATE;
    List<String> qeTcbLevels = List.of(qeTcbLevel(QE_ISVSVN, "UpToDate"));
    PrivateKey qeIdentitySigner;
    List<X509Certificate> qeIdentityChain;

    byte[] pckCrl;
    List<X509Certificate> pckCrlChain;
    byte[] rootCrl;

    SyntheticCollateral(SyntheticDcapPki pki) {
        tcbInfoSigner = pki.tcbSigningKey.getPrivate();
        tcbInfoChain = List.of(pki.tcbSigning, pki.root);
        qeIdentitySigner = pki.tcbSigningKey.getPrivate();
        qeIdentityChain = List.of(pki.tcbSigning, pki.root);
        pckCrl = SyntheticDcapPki.crl(pki.pckCa, pki.pckCaKey.getPrivate(), ISSUED, NEXT_UPDATE);
        pckCrlChain = List.of(pki.pckCa, pki.root);
        rootCrl = SyntheticDcapPki.crl(pki.root, pki.rootKey.getPrivate(), ISSUED, NEXT_UPDATE);
    }

    DcapCollateral build() {
        return new DcapCollateral(
                SyntheticDcapPki.signedJson("tcbInfo", tcbInfo(), tcbInfoSigner),
                SyntheticDcapPki.pem(tcbInfoChain),
                SyntheticDcapPki.signedJson("enclaveIdentity", qeIdentity(), qeIdentitySigner),
                SyntheticDcapPki.pem(qeIdentityChain),
                pckCrl,
                SyntheticDcapPki.pem(pckCrlChain),
                rootCrl);
    }

    /** A TCB Info v3 level: the minimum SGX component SVNs and PCE SVN for {@code status}. */
    static String tcbLevel(int[] svns, int pceSvn, String tcbDate, String status, String... advisoryIds) {
        String components =
                Arrays.stream(svns).mapToObj(svn -> "{\"svn\":" + svn + "}").collect(Collectors.joining(","));
        return "{\"tcb\":{\"sgxtcbcomponents\":["
                + components
                + "],\"pcesvn\":"
                + pceSvn
                + "},\"tcbDate\":\""
                + tcbDate
                + "\",\"tcbStatus\":\""
                + status
                + "\""
                + advisories(advisoryIds)
                + "}";
    }

    /** A QE Identity v2 TCB level: the minimum QE ISVSVN for {@code status}. */
    static String qeTcbLevel(int isvSvn, String status, String... advisoryIds) {
        return "{\"tcb\":{\"isvsvn\":"
                + isvSvn
                + "},\"tcbDate\":\""
                + UP_TO_DATE_DATE
                + "\",\"tcbStatus\":\""
                + status
                + "\""
                + advisories(advisoryIds)
                + "}";
    }

    /**
     * The platform's SVNs with component {@code index} raised by one: a level the platform misses.
     */
    static int[] aboveThePlatform(int index) {
        int[] svns = SyntheticDcapPki.PLATFORM_SVNS.clone();
        svns[index]++;
        return svns;
    }

    private static String advisories(String... advisoryIds) {
        if (advisoryIds.length == 0) {
            return "";
        }
        return ",\"advisoryIDs\":["
                + Arrays.stream(advisoryIds).map(id -> "\"" + id + "\"").collect(Collectors.joining(","))
                + "]";
    }

    private String tcbInfo() {
        return "{\"id\":\""
                + tcbInfoId
                + "\",\"version\":3,\"issueDate\":\""
                + tcbInfoIssued
                + "\",\"nextUpdate\":\""
                + tcbInfoNextUpdate
                + "\",\"fmspc\":\""
                + fmspc
                + "\",\"pceId\":\""
                + SyntheticDcapPki.PCE_ID
                + "\",\"tcbType\":0,\"tcbEvaluationDataNumber\":17,\"tcbLevels\":["
                + String.join(",", tcbLevels)
                + "]}";
    }

    private String qeIdentity() {
        return "{\"id\":\""
                + qeIdentityId
                + "\",\"version\":2,\"issueDate\":\""
                + qeIdentityIssued
                + "\",\"nextUpdate\":\""
                + qeIdentityNextUpdate
                + "\",\"tcbEvaluationDataNumber\":17,\"miscselect\":\""
                + qeMiscSelect
                + "\",\"miscselectMask\":\"FFFFFFFF\",\"attributes\":\""
                + qeAttributes
                + "\",\"attributesMask\":\"FBFFFFFFFFFFFFFF0000000000000000\",\"mrsigner\":\""
                + qeMrSigner
                + "\",\"isvprodid\":"
                + qeIsvProdId
                + ",\"tcbLevels\":["
                + String.join(",", qeTcbLevels)
                + "]}";
    }
}
