package io.camelot.workloads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelot.workload.Item;
import io.camelot.workload.Workload;
import io.camelot.workload.WorkloadContext;
import io.camelot.workload.WorkloadException;
import io.camelot.workload.WorkloadException.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * An attested oracle: fetches the URL in input 0 through the worker's {@code https} connector (so
 * only from a source the operator allowed) and answers with a JSON statement of what the source
 * said, when, and which TLS certificate it presented. The worker signs the result like any other,
 * so a verifier that trusts the worker's attested key can trust the statement.
 *
 * <p>Output 0: {@code {"source": url, "value": "<body text>", "fetchedAt": "<ISO-8601>",
 * "tlsCertificateSha256": "<hex of the leaf certificate>", "httpStatus": 200}}.
 */
public final class AttestedOracle implements Workload {
    static final String NAME = "attested-oracle";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Item> process(List<Item> inputs, WorkloadContext context) {
        if (inputs.isEmpty()) {
            throw new WorkloadException(Reason.INVALID_INPUT, NAME + " needs the source URL as input 0");
        }
        String url = inputs.getFirst().text().strip();
        ObjectNode request = JSON.createObjectNode().put("method", "GET").put("url", url);
        JsonNode response = parse(context.io().call("https", bytes(request)));
        int status = response.path("status").asInt();
        if (status != 200) {
            throw new WorkloadException(NAME + ": " + url + " answered HTTP " + status);
        }
        ObjectNode statement = JSON.createObjectNode()
                .put("source", url)
                .put(
                        "value",
                        new String(
                                Base64.getDecoder().decode(response.path("body").asText()), StandardCharsets.UTF_8))
                .put("fetchedAt", response.path("fetchedAt").asText())
                .put("tlsCertificateSha256", response.path("certificateSha256").asText())
                .put("httpStatus", status);
        context.log(NAME + " attested " + url);
        return List.of(new Item(0, bytes(statement)));
    }

    private static JsonNode parse(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new WorkloadException(NAME + ": unreadable https connector response: " + e.getMessage());
        }
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise JSON", e);
        }
    }
}
