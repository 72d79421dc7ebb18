package io.camelot.protocol.crypto;

import java.security.SecureRandom;

/**
 * One process-wide {@link SecureRandom}: it is thread-safe, and seeding one per caller only costs
 * time.
 */
final class SecureRandomHolder {
  static final SecureRandom RANDOM = new SecureRandom();

  private SecureRandomHolder() {}

  static byte[] randomBytes(int count) {
    byte[] bytes = new byte[count];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
