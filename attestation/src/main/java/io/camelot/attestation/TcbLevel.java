package io.camelot.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One TCB level of a TCB Info (version 2 or 3): the minimum component SVNs a platform needs to have
 * this level's status.
 *
 * @param tdxSvns null for SGX TCB Info
 */
record TcbLevel(int[] sgxSvns, int pceSvn, int[] tdxSvns, Instant tcbDate, TcbStatus status, List<String> advisoryIds) {

    static TcbLevel parse(JsonNode level, int version) {
        JsonNode tcb = level.path("tcb");
        int[] sgx = new int[16];
        int[] tdx = null;
        if (version >= 3) {
            JsonNode components = tcb.path("sgxtcbcomponents");
            for (int i = 0; i < 16; i++) {
                sgx[i] = components.path(i).path("svn").asInt();
            }
            if (tcb.has("tdxtcbcomponents")) {
                tdx = new int[16];
                for (int i = 0; i < 16; i++) {
                    tdx[i] = tcb.path("tdxtcbcomponents").path(i).path("svn").asInt();
                }
            }
        } else {
            for (int i = 0; i < 16; i++) {
                sgx[i] = tcb.path(String.format("sgxtcbcomp%02dsvn", i + 1)).asInt();
            }
        }
        List<String> advisories = new ArrayList<>();
        level.path("advisoryIDs").forEach(id -> advisories.add(id.asText()));
        return new TcbLevel(
                sgx,
                tcb.path("pcesvn").asInt(),
                tdx,
                Instant.parse(level.path("tcbDate").asText()),
                TcbStatus.parse(level.path("tcbStatus").asText()),
                List.copyOf(advisories));
    }

    boolean matchesSgx(PckExtensions pck) {
        for (int i = 0; i < 16; i++) {
            if (pck.componentSvns()[i] < sgxSvns[i]) {
                return false;
            }
        }
        return pck.pceSvn() >= pceSvn;
    }

    /**
     * TEE_TCB_SVN against this level's TDX components. From TDX module version 1 on, the first two
     * bytes are the module's own SVN and version, judged by the module identity instead.
     */
    boolean matchesTdx(TdReportBody report) {
        int first = report.moduleVersion() > 0 ? 2 : 0;
        for (int i = first; i < 16; i++) {
            if ((report.teeTcbSvn()[i] & 0xff) < tdxSvns[i]) {
                return false;
            }
        }
        return true;
    }
}
