package io.camelot.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

/** Checks of JSON-RPC responses, for this module's tests and those of the APIs built on it. */
public final class JsonRpcAssertions {
    private JsonRpcAssertions() {}

    /** An error response, no result, with exactly this code and message. */
    public static void assertError(JsonNode response, int code, String message) {
        assertThat(response.has("result")).as(response.toString()).isFalse();
        assertThat(response.path("error").path("code").asInt(-1))
                .as(response.toString())
                .isEqualTo(code);
        assertThat(response.path("error").path("message").asText())
                .as(response.toString())
                .isEqualTo(message);
    }
}
