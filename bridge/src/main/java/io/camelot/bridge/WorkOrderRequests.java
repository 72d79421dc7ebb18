package io.camelot.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.camelot.io.ConnectorPolicy;
import io.camelot.io.HttpsConnector;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.ProtocolJson;
import io.camelot.workload.WorkloadException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;

/**
 * The JSON of an on-chain workOrderRequest: the text itself or, as the EEA interface allows, an
 * https:// URI of it. A URI is fetched with the {@code https} connector under the operator's policy
 * (allowed hosts, GET only, size limit, no redirects, TLS only), so a requester cannot make the
 * bridge reach anything else; with no allowed host, every URI is refused.
 */
final class WorkOrderRequests {
    private final HttpsConnector https = new HttpsConnector(Clock.systemUTC());
    private final ConnectorPolicy policy;

    WorkOrderRequests(ConnectorPolicy policy) {
        this.policy = policy;
    }

    /**
     * @throws EeaException code 2 (invalid parameter) when a URI is refused, unreachable or does not
     *     answer 200: the work order is then completed with that error rather than retried, so that a
     *     bad URI cannot stall the bridge
     */
    byte[] json(String workOrderRequest) throws EeaException {
        String text = workOrderRequest.strip();
        if (!text.regionMatches(true, 0, "https://", 0, "https://".length())) {
            return workOrderRequest.getBytes(StandardCharsets.UTF_8);
        }
        if (policy.allowedHosts().isEmpty()) {
            throw EeaException.invalidParameter(
                    "workOrderRequest is a URI, and this bridge fetches none (no allowed request hosts)");
        }
        byte[] fetch = ProtocolJson.toBytes(
                JsonNodeFactory.instance.objectNode().put("method", "GET").put("url", text));
        JsonNode response;
        try {
            response = ProtocolJson.parse(https.call("workOrderRequest", policy, fetch));
        } catch (WorkloadException e) {
            throw EeaException.invalidParameter("workOrderRequest URI refused or unreachable: " + e.getMessage());
        }
        int status = response.path("status").asInt();
        if (status != 200) {
            throw EeaException.invalidParameter("workOrderRequest URI " + text + " answered HTTP " + status);
        }
        return Base64.getDecoder().decode(response.path("body").asText());
    }
}
