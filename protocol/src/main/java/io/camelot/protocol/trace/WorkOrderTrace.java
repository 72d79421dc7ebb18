package io.camelot.protocol.trace;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The trace of one work order across threads and processes. Its trace id is derived from the work
 * order id (the first 16 bytes of SHA-256 over its text, as a W3C trace id), so every component
 * that handles the work order, in this process or another, names the same trace without carrying it
 * in a header or a stored field; a requester can compute it too, to find the server's log lines.
 *
 * <p>Each stage hands the trace over explicitly by opening a {@link Scope} on the thread that runs
 * it; the scope puts {@code traceId} and {@code workOrderId} in the SLF4J MDC, so structured logs
 * of that stage carry them. Per-stage events go to {@link #LOG} at DEBUG. When span export is on
 * ({@link #exportSpans}), each scope is also a span named after its stage, in that trace.
 */
public final class WorkOrderTrace {
    public static final String TRACE_ID = "traceId";
    public static final String WORK_ORDER_ID = "workOrderId";

    /** Stage events of every work order; enabled with {@code [logging] work_orders = true}. */
    public static final Logger LOG = LoggerFactory.getLogger("io.camelot.trace");

    /** Starts a stage's span; what it returns ends it. */
    @FunctionalInterface
    public interface SpanStarter {
        Runnable start(String stage, String workOrderId);
    }

    private static final Runnable NO_SPAN = () -> {};
    private static final SpanStarter NO_SPANS = (stage, workOrderId) -> NO_SPAN;
    private static volatile SpanStarter spans = NO_SPANS;

    private WorkOrderTrace() {}

    /**
     * Makes every scope opened from now on a span too, until {@link #stopExporting} with the same
     * starter.
     */
    public static void exportSpans(SpanStarter starter) {
        spans = starter;
    }

    /** Back to no spans, unless another starter replaced this one meanwhile. */
    public static void stopExporting(SpanStarter starter) {
        if (spans == starter) {
            spans = NO_SPANS;
        }
    }

    /** 32 lower-case hex digits, never all zero in practice (a SHA-256 prefix). */
    public static String traceId(String workOrderId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(workOrderId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * Puts the work order's ids in the MDC until the scope closes, then restores what was there; with
     * span export on, the scope is also the span of {@code stage} (e.g. {@code camelot.queue.run}).
     */
    public static Scope open(String workOrderId, String stage) {
        return new Scope(workOrderId, spans.start(stage, workOrderId));
    }

    /** The MDC entries of one work order on the current thread. */
    public static final class Scope implements AutoCloseable {
        private final String previousTraceId = MDC.get(TRACE_ID);
        private final String previousWorkOrderId = MDC.get(WORK_ORDER_ID);
        private final Runnable endSpan;

        private Scope(String workOrderId, Runnable endSpan) {
            this.endSpan = endSpan;
            MDC.put(TRACE_ID, traceId(workOrderId));
            MDC.put(WORK_ORDER_ID, workOrderId);
        }

        @Override
        public void close() {
            endSpan.run();
            restore(TRACE_ID, previousTraceId);
            restore(WORK_ORDER_ID, previousWorkOrderId);
        }

        private static void restore(String key, String value) {
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        }
    }
}
