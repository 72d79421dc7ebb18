package io.camelot.protocol.model;

/** Params naming one worker: WorkerRetrieve. */
public record WorkerIdParams(String workerId) {}
