package io.camelot.jsonrpc;

import static io.camelot.jsonrpc.JsonRpcAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.protocol.ProtocolJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonRpcDispatcherTest {

    private static final RpcMethod<JsonNode> FAILING = new JsonParamsMethod() {
        @Override
        public String name() {
            return "Broken";
        }

        @Override
        public RpcOutcome invoke(RpcCall<JsonNode> call) {
            throw new IllegalStateException("secret internals");
        }
    };

    @Test
    void anUnexpectedExceptionBecomesInternalErrorWithoutDetails() {
        JsonRpcDispatcher dispatcher = new JsonRpcDispatcher(new MethodRegistry(List.of(FAILING)));
        byte[] answer = dispatcher.handle(
                "{\"jsonrpc\":\"2.0\",\"method\":\"Broken\",\"id\":5,\"params\":{}}".getBytes(StandardCharsets.UTF_8));
        JsonNode response = ProtocolJson.parse(answer);
        assertError(response, -32603, "Internal error");
        assertThat(response.path("id").asInt()).isEqualTo(5);
        assertThat(new String(answer, StandardCharsets.UTF_8)).doesNotContain("secret");
    }
}
