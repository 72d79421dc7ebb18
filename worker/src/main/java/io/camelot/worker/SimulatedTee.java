package io.camelot.worker;

import io.camelot.protocol.crypto.AesGcm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * SIMULATION of a TEE's sealing: no hardware is present here, so "sealed" data is AES-GCM encrypted
 * under a 32-byte sealing secret kept in a file readable only by its owner. This protects keys at
 * rest from casual copying of the data directory without the secret, and from nothing else: anyone
 * who can read the secret file (the operator, root) can unseal. A real TEE derives the sealing key
 * inside the enclave.
 */
public final class SimulatedTee {
  private static final String SECRET_FILE = "sealing-secret.SIMULATED";

  private final byte[] sealingSecret;

  private SimulatedTee(byte[] sealingSecret) {
    this.sealingSecret = sealingSecret;
  }

  /** Loads the sealing secret from the directory, creating it on first use. */
  public static SimulatedTee open(Path directory) {
    Path file = directory.resolve(SECRET_FILE);
    try {
      Files.createDirectories(directory);
      if (!Files.exists(file)) {
        byte[] secret = AesGcm.newKey();
        try {
          Files.write(file, secret, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          restrictToOwner(file);
        } catch (FileAlreadyExistsException raced) {
          // Another process created it first; use theirs.
        }
      }
      byte[] secret = Files.readAllBytes(file);
      if (secret.length != 32) {
        throw new IllegalStateException(file + " is damaged: expected 32 bytes, found " + secret.length);
      }
      return new SimulatedTee(secret);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the simulated sealing secret " + file, e);
    }
  }

  public byte[] seal(byte[] plaintext) {
    return AesGcm.of(sealingSecret).encryptIvPrefixed(plaintext);
  }

  /** @throws io.camelot.protocol.crypto.CryptoException if the blob was sealed under another secret */
  public byte[] unseal(byte[] sealed) {
    return AesGcm.of(sealingSecret).decryptIvPrefixed(sealed);
  }

  private static void restrictToOwner(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system; nothing more to do.
    }
  }
}
