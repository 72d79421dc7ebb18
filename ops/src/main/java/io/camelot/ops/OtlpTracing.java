package io.camelot.ops;

import io.camelot.protocol.trace.WorkOrderTrace;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports the stages of every work order ({@link WorkOrderTrace} scopes) as OpenTelemetry spans to
 * an OTLP/HTTP endpoint (a Collector, Jaeger, Tempo...), batched off the work-order threads. Each
 * span's trace id is the work order's {@link WorkOrderTrace#traceId}, so the listener, queue and
 * worker spans of one work order meet in one trace across processes with nothing carried between
 * them; a stage inside another on one thread is its child. Without an endpoint nothing of this
 * runs: scopes then start no span.
 */
public final class OtlpTracing implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OtlpTracing.class);
    private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
    private static final AttributeKey<String> WORK_ORDER_ID = AttributeKey.stringKey("camelot.work_order_id");

    private final SdkTracerProvider provider;
    private final Tracer tracer;
    private final WorkOrderTrace.SpanStarter starter = this::startSpan;

    private OtlpTracing(SdkTracerProvider provider) {
        this.provider = provider;
        this.tracer = provider == null ? null : provider.get("io.camelot");
    }

    /** {@link #start} when {@code endpoint} is set; else nothing runs and close does nothing. */
    public static OtlpTracing startIfConfigured(String endpoint, String processRole) {
        return endpoint == null || endpoint.isBlank() ? new OtlpTracing(null) : start(endpoint, processRole);
    }

    /**
     * Starts exporting this process's work-order spans.
     *
     * @param endpoint the OTLP/HTTP base URL, e.g. {@code http://127.0.0.1:4318}; spans go to {@code
     *     /v1/traces}
     * @param processRole the service name spans carry ({@code serve}, {@code worker}...)
     */
    public static OtlpTracing start(String endpoint, String processRole) {
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint(endpoint.replaceAll("/+$", "") + "/v1/traces")
                .build();
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault()
                        .merge(Resource.create(Attributes.of(SERVICE_NAME, "camelot-" + processRole))))
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
                .build();
        OtlpTracing tracing = new OtlpTracing(provider);
        WorkOrderTrace.exportSpans(tracing.starter);
        log.info("Exporting work-order spans to {} (OTLP/HTTP)", endpoint);
        return tracing;
    }

    // The scope is closed by the Runnable this returns, which the stage runs when it ends.
    @SuppressWarnings("MustBeClosedChecker")
    private Runnable startSpan(String stage, String workOrderId) {
        String traceId = WorkOrderTrace.traceId(workOrderId);
        Context parent = Context.current();
        SpanContext enclosing = Span.fromContext(parent).getSpanContext();
        if (!enclosing.isValid() || !enclosing.getTraceId().equals(traceId)) {
            // The work order's trace has no root span of its own: every process hangs its spans under
            // the same remote parent, derived like the trace id, so they need no propagation.
            parent = Context.root()
                    .with(Span.wrap(SpanContext.createFromRemoteParent(
                            traceId, traceId.substring(0, 16), TraceFlags.getSampled(), TraceState.getDefault())));
        }
        Span span = tracer.spanBuilder(stage)
                .setParent(parent)
                .setAttribute(WORK_ORDER_ID, workOrderId)
                .startSpan();
        Scope current = span.makeCurrent();
        return () -> {
            current.close();
            span.end();
        };
    }

    /** Stops starting spans and sends those still batched. */
    @Override
    public void close() {
        if (provider != null) {
            WorkOrderTrace.stopExporting(starter);
            provider.shutdown().join(10, TimeUnit.SECONDS);
        }
    }
}
