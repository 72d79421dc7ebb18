package io.camelot.protocol.envelope;

import io.camelot.protocol.Hex;
import io.camelot.protocol.crypto.Aead;
import io.camelot.protocol.crypto.AesGcm;
import io.camelot.protocol.crypto.KeyWrapPublicKey;
import io.camelot.protocol.crypto.PublicKeySign;
import io.camelot.protocol.hash.Sha256;
import io.camelot.protocol.hash.WorkOrderHashes;
import io.camelot.protocol.model.DataItem;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.protocol.model.WorkerDetails;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The requester's half of the envelope: one fresh session key and IV per work order, inputs
 * encrypted under them, the session key wrapped to the worker's key, the request hash encrypted
 * (and optionally signed). With the worker's RSA key this is byte for byte what Avalon's SDK
 * produces; {@code workerEncryptionKey} always names the key actually used.
 */
public final class RequestSealer {
  private RequestSealer() {}

  /**
   * @param requesterKey signs the request hash, or null to send {@code requesterSignature = ""}
   */
  public static RequestSecrets seal(
      RequestTemplate template, KeyWrapPublicKey workerKey, PublicKeySign requesterKey) {
    byte[] sessionKey = AesGcm.newKey();
    byte[] iv = AesGcm.newIv();
    return seal(template, workerKey, requesterKey, sessionKey, iv);
  }

  /** Seals with a given session key and IV; for test vectors and for nothing else. */
  static RequestSecrets seal(
      RequestTemplate template,
      KeyWrapPublicKey workerKey,
      PublicKeySign requesterKey,
      byte[] sessionKey,
      byte[] iv) {
    Aead session = AesGcm.of(sessionKey);
    List<DataItem> inData = new ArrayList<>();
    for (int i = 0; i < template.inputs().size(); i++) {
      inData.add(inputItem(i, template.inputs().get(i), session, iv));
    }
    List<DataItem> outData = null;
    if (!template.outputKeys().isEmpty()) {
      outData = new ArrayList<>();
      for (RequestTemplate.OutputKey key : template.outputKeys()) {
        outData.add(
            new DataItem(key.index(), null, null, wrapUnderSession(session, key.wrappedDataKey()), null));
      }
    }
    WorkOrderSubmitParams unsigned =
        new WorkOrderSubmitParams(
            template.workOrderId(),
            template.responseTimeoutMSecs(),
            WorkerDetails.JSON_RPC,
            null,
            template.notifyUri(),
            template.requesterNonce(),
            template.workloadId(),
            template.workerId(),
            template.requesterId(),
            Hex.upper(iv),
            HexFormat.of().formatHex(workerKey.pem().getBytes(StandardCharsets.UTF_8)),
            WorkerDetails.AES_GCM_256,
            Hex.upper(workerKey.wrap(sessionKey)),
            "",
            "",
            null,
            inData,
            outData,
            template.dependencies());
    byte[] requestHash = WorkOrderHashes.requestHash(unsigned);
    WorkOrderSubmitParams sealed =
        unsigned.withEncryptedRequestHash(Hex.upper(session.encrypt(iv, requestHash)));
    if (requesterKey != null) {
      sealed =
          sealed.withRequesterSignature(
              Base64.getEncoder().encodeToString(requesterKey.signDigest(requestHash)),
              requesterKey.verifier().pem());
    }
    return new RequestSecrets(sealed, sessionKey, iv);
  }

  private static DataItem inputItem(int index, InputSpec spec, Aead session, byte[] iv) {
    return switch (spec) {
      case InputSpec.SessionKey s ->
          new DataItem(
              index,
              s.withDataHash() ? Hex.upper(Sha256.digest(s.plaintext())) : null,
              Base64.getEncoder().encodeToString(session.encrypt(iv, s.plaintext())),
              null,
              null);
      case InputSpec.Plaintext p ->
          new DataItem(
              index,
              // An empty item may not carry a dataHash (Avalon refuses it): there is nothing to hash.
              p.withDataHash() && p.plaintext().length > 0
                  ? Hex.upper(Sha256.digest(p.plaintext()))
                  : null,
              Base64.getEncoder().encodeToString(p.plaintext()),
              DataItem.PLAINTEXT_KEY,
              null);
      case InputSpec.OwnDataKey own ->
          new DataItem(
              index,
              own.item().dataHash(),
              own.item().data(),
              wrapUnderSession(session, own.item().wrappedDataKey()),
              own.item().iv());
      case InputSpec.HandOffPlaceholder h -> new DataItem(index, null, "", null, null);
    };
  }

  /** {@code encryptedDataEncryptionKey} = hex of {@code iv‖AES-GCM(sessionKey, wrapped data key)}. */
  private static String wrapUnderSession(Aead session, byte[] wrappedDataKey) {
    return Hex.upper(session.encryptIvPrefixed(wrappedDataKey));
  }
}
