package io.camelot.listener;

import static io.camelot.jsonrpc.JsonRpcAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.protocol.model.WorkOrderIdParams;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** A test whose methods each start a {@link TestTcs} in {@link #directory}; it is closed after each. */
abstract class TcsTest {
    /** WorkOrderSubmit's answer (code 5) to a work order it accepted and has no outcome for yet. */
    static final String COMPUTING = "Work order is computing. Please query for WorkOrderGetResult to view the result";

    static final String NOT_FOUND = "Work order Id not found in the database. Hence invalid parameter";

    @TempDir
    Path directory;

    TestTcs tcs;

    @AfterEach
    void stop() {
        if (tcs != null) {
            tcs.close();
        }
    }

    /** Submits a work order that must be refused with {@code code} and {@code message}, naming its id, unstored. */
    void assertSubmitRefused(WorkOrderSubmitParams request, int code, String message) {
        JsonNode answer = tcs.submit(request);
        assertError(answer, code, message);
        assertThat(answer.path("error").path("data").path("workOrderId").asText())
                .isEqualTo(request.workOrderId());
        assertUnknown(request.workOrderId());
    }

    /** WorkOrderGetResult knows nothing of the work order: it was never stored. */
    void assertUnknown(String workOrderId) {
        assertError(tcs.call("WorkOrderGetResult", new WorkOrderIdParams(workOrderId)), 2, NOT_FOUND);
    }
}
