package io.camelot.scheduler;

/** Told about every completion after it is durable; must return quickly (hand slow work off). */
@FunctionalInterface
public interface CompletionListener {
    void completed(QueuedWorkOrder workOrder, byte[] response);
}
