package io.camelot.bench;

/**
 * One tick of a running load: what completed in the last interval and the memory of this JVM.
 *
 * @param liveHeapBytes heap still in use after the latest garbage collection (what a leak grows)
 * @param storeBytes size of the store on disk, or -1 when the TCS is not in this process
 * @param machineCpuLoad the whole machine's CPU use over all cores, 0 to 1 (other processes too)
 */
public record ProgressSample(
        double elapsedSeconds,
        long completed,
        double perSecond,
        double p50Millis,
        double p99Millis,
        long errors,
        long liveHeapBytes,
        long storeBytes,
        double machineCpuLoad) {}
