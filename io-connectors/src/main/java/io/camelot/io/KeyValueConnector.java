package io.camelot.io;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.camelot.workload.WorkloadException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code kv}: a key-value store for data that lives outside the worker but only the worker can
 * read (Avalon's "inside-out" data). Values are sealed with AES-256-GCM under a worker-held key,
 * with the workload and key as associated data, so a value cannot be read outside the worker nor
 * moved to another key or workload unnoticed. Each workload sees only its own keys. One file per
 * value; file names are hashes, so keys do not leak either.
 *
 * <p>Request: {@code {"op": "get"|"put"|"delete", "key": "..", "value": "<base64>"}}. Response:
 * {@code {"found": true, "value": "<base64>"}} for get, {@code {"found": <existed>}} otherwise.
 */
public final class KeyValueConnector implements Connector {
  public static final String NAME = "kv";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  record Request(String op, String key, byte[] value) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Response(boolean found, byte[] value) {}

  private final Path directory;
  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  /** @param sealingKey 32 bytes the worker keeps sealed to its TEE */
  public KeyValueConnector(Path directory, byte[] sealingKey) {
    if (sealingKey.length != 32) {
      throw new IllegalArgumentException("the kv sealing key must be 32 bytes");
    }
    this.directory = directory;
    this.key = new SecretKeySpec(sealingKey.clone(), "AES");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte[] call(String workload, ConnectorPolicy policy, byte[] requestBytes) {
    Request request = Requests.read(NAME, requestBytes, Request.class);
    if (request.key() == null || request.key().isEmpty() || request.op() == null) {
      throw Requests.invalid("kv connector request needs an op and a non-empty key");
    }
    Path file = fileOf(workload, request.key());
    byte[] aad = (workload + "\u0000" + request.key()).getBytes(StandardCharsets.UTF_8);
    try {
      return switch (request.op()) {
        case "get" -> {
          if (!Files.exists(file)) {
            yield Requests.write(new Response(false, null));
          }
          yield Requests.write(new Response(true, open(Files.readAllBytes(file), aad)));
        }
        case "put" -> {
          if (request.value() == null) {
            throw Requests.invalid("kv put needs a value");
          }
          if (request.value().length > policy.maxBytes()) {
            throw Requests.denied(
                "kv value of " + request.value().length + " bytes exceeds the policy's " + policy.maxBytes());
          }
          boolean existed = Files.exists(file);
          write(file, seal(request.value(), aad));
          yield Requests.write(new Response(existed, null));
        }
        case "delete" -> Requests.write(new Response(Files.deleteIfExists(file), null));
        default -> throw Requests.invalid("kv op must be get, put or delete, not " + request.op());
      };
    } catch (NoSuchFileException e) {
      return Requests.write(new Response(false, null));
    } catch (IOException e) {
      throw new WorkloadException("kv store I/O failed: " + e);
    }
  }

  private Path fileOf(String workload, String name) {
    return directory.resolve(sha256Hex(workload)).resolve(sha256Hex(name));
  }

  private byte[] seal(byte[] plaintext, byte[] aad) {
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(aad);
      byte[] sealed = cipher.doFinal(plaintext);
      byte[] out = Arrays.copyOf(iv, IV_BYTES + sealed.length);
      System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable", e);
    }
  }

  private byte[] open(byte[] sealed, byte[] aad) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
      cipher.updateAAD(aad);
      return cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new WorkloadException("kv value failed authentication: it was altered or sealed by another worker");
    }
  }

  /** Write-then-rename, so a reader never sees half a value. */
  private static void write(Path file, byte[] bytes) throws IOException {
    Files.createDirectories(file.getParent());
    Path temp = Files.createTempFile(file.getParent(), "kv", ".tmp");
    Files.write(temp, bytes);
    try {
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static String sha256Hex(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
