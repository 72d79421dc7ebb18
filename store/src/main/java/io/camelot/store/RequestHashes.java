package io.camelot.store;

import java.util.Objects;

/** Request hashes as the stores take them. */
public final class RequestHashes {
  /** A request hash is a SHA-256 digest. */
  public static final int BYTES = 32;

  private RequestHashes() {}

  /**
   * @return {@code requestHash}, if it can be one
   * @throws IllegalArgumentException if it is not {@value #BYTES} bytes long
   */
  public static byte[] checked(byte[] requestHash) {
    Objects.requireNonNull(requestHash, "requestHash");
    if (requestHash.length != BYTES) {
      throw new IllegalArgumentException("requestHash is " + requestHash.length + " bytes; a SHA-256 digest has " + BYTES);
    }
    return requestHash;
  }
}
