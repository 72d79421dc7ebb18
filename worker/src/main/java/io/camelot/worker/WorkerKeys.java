package io.camelot.worker;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.attestation.Tee;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.crypto.KeyWrapPrivateKey;
import io.camelot.protocol.crypto.PublicKeySign;
import io.camelot.protocol.crypto.RsaOaep;
import io.camelot.protocol.crypto.Secp256k1;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's long-lived keys: a secp256k1 signing key and an RSA-3072 encryption key, generated on
 * first start inside the worker's {@link Tee} and kept on disk only sealed to it, so the worker keeps its identity across restarts.
 */
public record WorkerKeys(PublicKeySign signing, KeyWrapPrivateKey encryption) {
  private static final Logger log = LoggerFactory.getLogger(WorkerKeys.class);

  public static WorkerKeys generate() {
    return new WorkerKeys(Secp256k1.generate(), RsaOaep.generate());
  }

  /** Unseals the keys in {@code file}, or generates, seals and writes them if it does not exist. */
  public static WorkerKeys loadOrCreate(Path file, Tee tee) {
    try {
      if (Files.exists(file)) {
        JsonNode keys = ProtocolJson.parse(tee.unseal(Files.readAllBytes(file)));
        return new WorkerKeys(
            Secp256k1.fromPkcs8(Base64.getDecoder().decode(keys.get("signing").asText())),
            RsaOaep.fromPkcs8(Base64.getDecoder().decode(keys.get("encryption").asText())));
      }
      WorkerKeys keys = generate();
      byte[] sealed =
          tee.seal(
              ProtocolJson.toBytes(
                  Map.of(
                      "signing", Base64.getEncoder().encodeToString(keys.signing.toPkcs8()),
                      "encryption", Base64.getEncoder().encodeToString(keys.encryption.toPkcs8()))));
      Files.createDirectories(file.getParent());
      Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
      Files.write(temporary, sealed);
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
      log.info("Generated and sealed new worker keys in {}", file);
      return keys;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write worker keys " + file, e);
    }
  }
}
