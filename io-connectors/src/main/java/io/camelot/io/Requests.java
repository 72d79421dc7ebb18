package io.camelot.io;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelot.workload.WorkloadException;
import io.camelot.workload.WorkloadException.Reason;
import java.io.IOException;

/**
 * Reads and writes connector JSON; a malformed request is the workload's error, not the worker's.
 */
final class Requests {
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Requests() {}

    static <T> T read(String connector, byte[] request, Class<T> type) {
        try {
            return JSON.readValue(request, type);
        } catch (IOException e) {
            throw new WorkloadException(
                    Reason.INVALID_INPUT, "malformed " + connector + " connector request: " + e.getMessage());
        }
    }

    static byte[] write(Object response) {
        try {
            return JSON.writeValueAsBytes(response);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise a connector response", e);
        }
    }

    static WorkloadException denied(String message) {
        return new WorkloadException(Reason.ACCESS_DENIED, message);
    }

    static WorkloadException invalid(String message) {
        return new WorkloadException(Reason.INVALID_INPUT, message);
    }
}
