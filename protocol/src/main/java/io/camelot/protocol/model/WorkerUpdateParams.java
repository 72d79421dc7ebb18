package io.camelot.protocol.model;

/** WorkerUpdate (EEA): an operator replaces a worker's details. */
public record WorkerUpdateParams(String workerId, WorkerDetails details) {}
