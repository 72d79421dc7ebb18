package io.camelot.protocol.model;

/** WorkerRegister (EEA): an operator adds a worker to the directory. */
public record WorkerRegisterParams(
        String workerId, Integer workerType, String organizationId, String applicationTypeId, WorkerDetails details) {}
