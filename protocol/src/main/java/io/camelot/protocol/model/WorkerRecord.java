package io.camelot.protocol.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A worker as WorkerRetrieve returns it (the id is the lookup key, not a field). */
@JsonPropertyOrder({"workerType", "organizationId", "applicationTypeId", "details", "status"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkerRecord(
        Integer workerType, String organizationId, String applicationTypeId, WorkerDetails details, Integer status) {

    public WorkerRecord withStatus(int newStatus) {
        return new WorkerRecord(workerType, organizationId, applicationTypeId, details, newStatus);
    }

    public WorkerRecord withDetails(WorkerDetails newDetails) {
        return new WorkerRecord(workerType, organizationId, applicationTypeId, newDetails, status);
    }
}
