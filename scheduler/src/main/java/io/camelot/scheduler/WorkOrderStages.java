package io.camelot.scheduler;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The stages of a work order's life, each with a latency histogram {@code camelot.workorder.stage}
 * tagged by stage, so that every component (listener, queue, worker, and in other processes pools
 * and bridges) reports into one metric with one tag set.
 */
public final class WorkOrderStages {
    /** WorkOrderSubmit in the listener: parse, validate, durable admission, answer. */
    public static final String LISTENER = "listener";

    /** From hand-off to the worker's queue until a worker thread takes it. */
    public static final String QUEUE_WAIT = "queue_wait";

    /** Unwrap the session key, check the request hash and signature, decrypt the inputs. */
    public static final String DECRYPT = "decrypt";

    /** The workload itself. */
    public static final String WORKLOAD = "workload";

    /** Encrypt the outputs and sign the response. */
    public static final String SIGN = "sign";

    /** The transaction storing the outcome, state writes and receipt update. */
    public static final String STORE = "store";

    private WorkOrderStages() {}

    public static Timer timer(MeterRegistry registry, String stage) {
        return Timer.builder("camelot.workorder.stage")
                .description("Time a work order spends in each stage")
                .tag("stage", stage)
                .publishPercentileHistogram()
                .register(registry);
    }
}
