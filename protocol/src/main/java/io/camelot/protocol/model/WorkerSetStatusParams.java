package io.camelot.protocol.model;

/** WorkerSetStatus (EEA): an operator changes a worker's status. */
public record WorkerSetStatusParams(String workerId, Integer status) {}
