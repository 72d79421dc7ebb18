package io.camelot.pool;

import java.time.Duration;
import java.util.List;

/**
 * The policies a WKM is instantiated with (seed §3.3.2) and cannot change afterwards. All WKMs of
 * a pool must be given the same policy.
 *
 * @param allowedWpMeasurements WP association: measurements (hex; MEASUREMENT when simulated,
 *     MRENCLAVE on SGX) of the WPs this WKM serves keys to
 * @param samePlatformOnly WP localization: only WPs on this WKM's platform are admitted
 * @param maxConcurrentWps WPs admitted at once (0: no limit)
 * @param maxWorkOrdersPerWp work orders one WP identity may preprocess before it must restart its
 *     TEE and re-attest (0: no limit)
 * @param keyMigration private key migration: whether another WKM may obtain the pool's keys
 * @param extKeySignatures sign results Avalon's two-step way (a per-work-order key vouched for by
 *     the pool key) instead of with the pool key directly
 * @param rotationGrace how long after a rotation work orders sealed to the previous key are taken
 * @param dedicatedRequester the only requester id served, or empty for any requester
 */
public record PoolPolicy(
    List<String> allowedWpMeasurements,
    boolean samePlatformOnly,
    int maxConcurrentWps,
    int maxWorkOrdersPerWp,
    boolean keyMigration,
    boolean extKeySignatures,
    Duration rotationGrace,
    String dedicatedRequester) {

  public PoolPolicy {
    allowedWpMeasurements = List.copyOf(allowedWpMeasurements);
    dedicatedRequester = dedicatedRequester == null ? "" : dedicatedRequester;
  }

  public boolean servesRequester(String requesterId) {
    return dedicatedRequester.isEmpty() || dedicatedRequester.equals(requesterId);
  }
}
