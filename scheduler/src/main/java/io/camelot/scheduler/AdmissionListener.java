package io.camelot.scheduler;

/** Told about every work order the queue admits, after it is durable; must return quickly. */
@FunctionalInterface
public interface AdmissionListener {
    void admitted(String workOrderId, String workerId);
}
