package io.camelot.workloads;

import io.camelot.workload.WorkloadContext;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Long values kept in workload state as decimal ASCII, readable in a dump of the store. */
final class LongState {

    private LongState() {}

    static Optional<Long> read(WorkloadContext context, String key) {
        return context.state(key).map(value -> Long.parseLong(new String(value, StandardCharsets.US_ASCII)));
    }

    static void write(WorkloadContext context, String key, long value) {
        context.putState(key, Long.toString(value).getBytes(StandardCharsets.US_ASCII));
    }
}
