package io.camelot.scheduler.elastic;

/**
 * What the pool has to do now.
 *
 * @param queued work orders waiting for an instance (no live lease)
 * @param running work orders an instance is working on (live lease)
 */
public record PoolLoad(long queued, long running) {}
