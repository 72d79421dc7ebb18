package io.camelot.listener;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.jsonrpc.JsonRpcDispatcher;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.ErrorCode;
import io.camelot.protocol.Params;
import io.camelot.protocol.ProtocolJson;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jazzer fuzz targets for the JSON-RPC entry point and work order validation. Under plain {@code
 * mvn verify} they replay the inputs in {@code src/test/resources/.../JsonRpcFuzzTestInputs/}
 * (seeds and every crash found so far); with {@code JAZZER_FUZZ=1} Jazzer mutates them (see
 * docs/SECURITY.md for the bounded CI run and the longer documented one).
 *
 * <p>The property: every body gets one JSON-RPC 2.0 response object, and never code -32603, which
 * the dispatcher only answers when a method threw something unexpected.
 */
class JsonRpcFuzzTest {
    @TempDir
    static Path directory;

    static TestTcs tcs;
    static JsonRpcDispatcher dispatcher;

    @BeforeAll
    static void start() {
        // No worker attached: submits are stored and queued, never run, so the fuzzer stays in the
        // listener.
        tcs = TestTcs.start(directory, TestTcs.config(false, true), 1_000, false);
        dispatcher = tcs.unlimitedDispatcher(TestTcs.config(false, true));
    }

    @AfterAll
    static void stop() {
        tcs.close();
    }

    @FuzzTest(maxDuration = "60s")
    void everyBodyGetsAJsonRpcResponse(byte[] body) {
        JsonNode response = ProtocolJson.parse(dispatcher.handle(body));
        assertThat(response.isObject()).isTrue();
        assertThat(response.path("jsonrpc").asText()).isEqualTo("2.0");
        if (response.has("error")) {
            assertThat(response.path("error").path("code").isInt())
                    .as(response.toString())
                    .isTrue();
            assertThat(response.path("error").path("code").asInt())
                    .as("unexpected exception for %s", response)
                    .isNotEqualTo(ErrorCode.INTERNAL_ERROR.code());
        } else {
            assertThat(response.has("result")).as(response.toString()).isTrue();
        }
    }

    @FuzzTest(maxDuration = "60s")
    void workOrderValidationOnlyRejectsWithCode2(byte[] params) {
        JsonNode tree;
        try {
            tree = ProtocolJson.parse(params);
        } catch (EeaException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER.code());
            return;
        }
        try {
            Params.workOrderSubmit(tree);
        } catch (EeaException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER.code());
            assertThat(e.getMessage()).isNotBlank();
        }
    }
}
