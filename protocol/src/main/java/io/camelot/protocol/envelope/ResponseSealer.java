package io.camelot.protocol.envelope;

import io.camelot.protocol.Hex;
import io.camelot.protocol.crypto.Aead;
import io.camelot.protocol.crypto.AesGcm;
import io.camelot.protocol.crypto.PublicKeySign;
import io.camelot.protocol.hash.Sha256;
import io.camelot.protocol.hash.WorkOrderHashes;
import io.camelot.protocol.model.DataItem;
import io.camelot.protocol.model.WorkOrderResult;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * The worker's second half of the envelope: encrypt the outputs, hash the response and sign it.
 * Outputs go under the session key and the request's IV (as Avalon clients expect) unless the
 * request named a data key or plaintext for that index. What is hashed is exactly what is emitted.
 */
public final class ResponseSealer {
  private static final SecureRandom RANDOM = new SecureRandom();

  private ResponseSealer() {}

  public static WorkOrderResult seal(
      OpenedRequest opened, List<PlainItem> outputs, PublicKeySign workerKey) {
    return sealChained(opened, outputs, workerKey, null);
  }

  /**
   * Seals a result that names its predecessors' response hashes (Camelot's chain), signed with the
   * rest of the result.
   *
   * @param predecessors null for a work order without declared predecessors
   */
  public static WorkOrderResult sealChained(
      OpenedRequest opened,
      List<PlainItem> outputs,
      PublicKeySign workerKey,
      List<WorkOrderResult.PredecessorLink> predecessors) {
    byte[] nonceSeed = new byte[16];
    RANDOM.nextBytes(nonceSeed);
    return sealChained(
        opened, outputs, workerKey, Base64.getEncoder().encodeToString(Sha256.digest(nonceSeed)), predecessors);
  }

  /** Seals with a given worker nonce; for test vectors and for nothing else. */
  static WorkOrderResult seal(
      OpenedRequest opened, List<PlainItem> outputs, PublicKeySign workerKey, String workerNonce) {
    return sealChained(opened, outputs, workerKey, workerNonce, null);
  }

  private static WorkOrderResult sealChained(
      OpenedRequest opened,
      List<PlainItem> outputs,
      PublicKeySign workerKey,
      String workerNonce,
      List<WorkOrderResult.PredecessorLink> predecessors) {
    if (outputs.isEmpty()) {
      throw new IllegalArgumentException("a response needs at least one output item");
    }
    WorkOrderSubmitParams request = opened.request();
    Aead session = AesGcm.of(opened.sessionKey());
    List<DataItem> outData = new ArrayList<>(outputs.size());
    for (PlainItem output : outputs.stream().sorted(Comparator.comparingInt(PlainItem::index)).toList()) {
      outData.add(outputItem(opened, session, output));
    }
    WorkOrderResult unsigned =
        new WorkOrderResult(
            request.workOrderId(),
            request.workloadId(),
            request.workerId(),
            request.requesterId(),
            workerNonce,
            null,
            List.copyOf(outData),
            null,
            null,
            predecessors == null ? null : List.copyOf(predecessors));
    byte[] signature = workerKey.signDigest(WorkOrderHashes.responseHash(unsigned));
    return unsigned.withSignature(Base64.getEncoder().encodeToString(signature));
  }

  private static DataItem outputItem(OpenedRequest opened, Aead session, PlainItem output) {
    String dataHash = Hex.upper(Sha256.digest(output.data()));
    byte[] dataKey = opened.outputDataKeys().get(output.index());
    if (dataKey != null) {
      byte[] iv = AesGcm.newIv();
      String data = Base64.getEncoder().encodeToString(AesGcm.of(dataKey).encrypt(iv, output.data()));
      return new DataItem(output.index(), dataHash, data, requestedKey(opened, output.index()), Hex.upper(iv));
    }
    if (DataItem.PLAINTEXT_KEY.equals(requestedKey(opened, output.index()))) {
      String data = Base64.getEncoder().encodeToString(output.data());
      return new DataItem(output.index(), dataHash, data, DataItem.PLAINTEXT_KEY, "");
    }
    // Avalon never encrypts an empty output: it emits "" and clients decode that as empty.
    String data =
        output.data().length == 0
            ? ""
            : Base64.getEncoder().encodeToString(session.encrypt(opened.sessionIv(), output.data()));
    return new DataItem(output.index(), dataHash, data, "", "");
  }

  /** The encryptedDataEncryptionKey the request gave for an output index, or null. */
  private static String requestedKey(OpenedRequest opened, int index) {
    List<DataItem> outData = opened.request().outData();
    if (outData == null) {
      return null;
    }
    return outData.stream()
        .filter(item -> item.index() == index)
        .map(DataItem::encryptedDataEncryptionKey)
        .findFirst()
        .orElse(null);
  }
}
