package io.camelot.pool.wkm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelot.attestation.AppraisalPolicy;
import io.camelot.attestation.ProofDataVerifier;
import io.camelot.attestation.ReportDataBinding;
import io.camelot.attestation.SealedFile;
import io.camelot.attestation.Tee;
import io.camelot.attestation.TeeEvidence;
import io.camelot.attestation.TeeKind;
import io.camelot.attestation.Verdict;
import io.camelot.attestation.VerificationContext;
import io.camelot.pool.AttestationInfo;
import io.camelot.pool.PoolApi;
import io.camelot.pool.PoolPolicy;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.Hex;
import io.camelot.protocol.Params;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.WorkOrderStatus;
import io.camelot.protocol.crypto.AesGcm;
import io.camelot.protocol.crypto.CryptoException;
import io.camelot.protocol.internal.crypto.KeyWrapKeyRing;
import io.camelot.protocol.crypto.KeyWrapPrivateKey;
import io.camelot.protocol.crypto.KeyWrapPublicKey;
import io.camelot.protocol.crypto.PublicKeySign;
import io.camelot.protocol.crypto.PublicKeyVerify;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.crypto.X25519Hkdf;
import io.camelot.protocol.internal.envelope.OpenedRequest;
import io.camelot.protocol.internal.envelope.RequestOpener;
import io.camelot.protocol.envelope.ResponseOpener;
import io.camelot.protocol.envelope.Signatures;
import io.camelot.protocol.hash.Sha256;
import io.camelot.protocol.hash.WorkOrderHashes;
import io.camelot.protocol.model.ReceiptUpdateParams;
import io.camelot.protocol.model.WorkOrderResponse;
import io.camelot.protocol.model.WorkOrderResult;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.worker.WorkerReceiptUpdates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trusted half of a Worker Key Manager: the only holder of the pool's private keys. It admits
 * WPs whose attestation passes the pool policy, gives each admitted WP the keys of one work order
 * wrapped to that WP's attested key, and re-signs what the WP produced once it checks the result
 * answers the request it preprocessed. It also signs the pool's receipt updates, for results the
 * pool signed. With a simulated TEE all of this runs in the WKM's JVM.
 */
public final class KeyManager {
  private static final Logger log = LoggerFactory.getLogger(KeyManager.class);
  private static final Duration RANDOM_ID_LIFETIME = Duration.ofMinutes(10);
  private static final Duration IDLE_WP_EXPIRY = Duration.ofMinutes(5);
  private static final Duration PENDING_LIFETIME = Duration.ofMinutes(10);
  private static final Duration RETIRED_KEY_QUEUE_ALLOWANCE = Duration.ofHours(1);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String SEALED_KIND = "pool-keys";

  private final Tee tee;
  private final PoolPolicy policy;
  private final Path sealedKeys;
  private final Clock clock;
  private final EvidenceCheck evidence;
  private final AppraisalPolicy wpPolicy;
  private final AppraisalPolicy peerPolicy;
  private final String ownPlatform;
  /** This instance's own identity, distinct from the pool's: it signs nothing for requesters. */
  private final PublicKeySign instanceKey = Secp256k1.generate();

  private volatile PoolKeys keys;
  private volatile TeeEvidence poolEvidence;
  private final Map<String, Long> randomIds = new ConcurrentHashMap<>();
  private final Map<String, AdmittedWp> admitted = new ConcurrentHashMap<>();
  private final Map<String, Preprocessed> preprocessed = new ConcurrentHashMap<>();
  private final Map<String, KeyWrapPrivateKey> keyRequests = new ConcurrentHashMap<>();
  private final AtomicLong rotations = new AtomicLong();

  /**
   * @param measurement this WKM's own measurement (hex), which replica WKMs must share
   * @param sealedKeys where the pool keys are kept sealed to {@code tee}
   * @param generateIfMissing create pool keys when none are sealed; false for a replica that joins
   */
  public KeyManager(
      Tee tee, String measurement, PoolPolicy policy, Path sealedKeys, ProofDataVerifier verifier,
      Clock clock, boolean generateIfMissing) {
    this.tee = tee;
    this.policy = policy;
    this.sealedKeys = sealedKeys;
    this.clock = clock;
    this.evidence = new EvidenceCheck(verifier, clock);
    String measurementName = tee.kind() == TeeKind.SIMULATED ? "MEASUREMENT" : "MRENCLAVE";
    this.wpPolicy = policyFor(tee, measurementName, policy.allowedWpMeasurements());
    this.peerPolicy = policyFor(tee, measurementName, List.of(measurement));
    this.ownPlatform = policy.samePlatformOnly() ? platformOf(tee, verifier) : null;
    this.keys = loadKeys(generateIfMissing);
  }

  private static AppraisalPolicy policyFor(Tee tee, String measurementName, List<String> allowed) {
    AppraisalPolicy.Builder builder = AppraisalPolicy.builder();
    if (tee.kind() == TeeKind.SIMULATED) {
      builder.allowSimulation();
    }
    if (allowed.isEmpty()) {
      throw new IllegalArgumentException("a WKM needs at least one allowed measurement");
    }
    return builder.allowMeasurement(measurementName, allowed.toArray(String[]::new)).build();
  }

  /** The platform identity WP localization compares: the simulation key's hash when simulated. */
  private String platformOf(Tee tee, ProofDataVerifier verifier) {
    if (tee.kind() != TeeKind.SIMULATED) {
      throw new IllegalArgumentException(
          "WP localization is implemented for the simulated TEE only (it compares the simulation platform key)");
    }
    TeeEvidence own = tee.attest(new byte[ReportDataBinding.LENGTH]);
    Verdict verdict = verifier.verify(own.proofDataType(), own.proofData(),
        VerificationContext.at(clock.instant()));
    return verdict.measurements().get("SIMULATION_KEY_SHA256");
  }

  public boolean hasKeys() {
    return keys != null;
  }

  /** Encryption key rotations this process performed since it started. */
  public long rotations() {
    return rotations.get();
  }

  /** WP identities admitted and not yet expired or spent. */
  public int admittedWps() {
    return admitted.size();
  }

  // ---- GetRandomId ----

  public String randomId() {
    long now = clock.millis();
    randomIds.values().removeIf(issued -> issued < now - RANDOM_ID_LIFETIME.toMillis());
    byte[] id = new byte[16];
    RANDOM.nextBytes(id);
    String hex = Hex.upper(id);
    randomIds.put(hex, now);
    return hex;
  }

  // ---- PreprocessWorkorder ----

  /** A work order's key, as PreprocessWorkorder returns it. */
  public record PreprocessedKey(String wrapped, String key) {}

  /**
   * Checks the request (hash, signature) with the pool key and the requester policy, and returns
   * every key it unwrapped, wrapped again to the calling WP's attested encryption key.
   */
  public List<PreprocessedKey> preprocess(WorkOrderSubmitParams request, AttestationInfo caller) {
    PoolKeys current = requireKeys();
    AdmittedWp wp = admit(caller);
    RecordingKey recording = new RecordingKey(keyFor(request, current));
    OpenedRequest opened = RequestOpener.open(request, KeyWrapKeyRing.of(recording));
    // Judged on the key the signature verified under, never on the requesterId anyone may claim (M7).
    policy.refusal(opened.verifiedRequesterKey()).ifPresent(reason -> {
      throw new EeaException(WorkOrderStatus.ACCESS_DENIED.code(), reason);
    });
    spend(caller, wp);
    long now = clock.millis();
    if (preprocessed.size() > 10_000) {
      preprocessed.values().removeIf(p -> p.atMillis < now - PENDING_LIFETIME.toMillis());
    }
    preprocessed.put(Hex.upper(opened.requestHash()), new Preprocessed(wp.verificationKey, now));
    List<PreprocessedKey> result = new ArrayList<>();
    for (RecordingKey.Unwrapped u : recording.unwrapped()) {
      result.add(new PreprocessedKey(Hex.upper(u.wrapped()), Hex.upper(wp.transportKey.wrap(u.key()))));
    }
    return result;
  }

  private KeyWrapPrivateKey keyFor(WorkOrderSubmitParams request, PoolKeys current) {
    String named;
    try {
      named = new String(Hex.decode(Params.stripHexPrefix(request.workerEncryptionKey())), StandardCharsets.UTF_8);
    } catch (RuntimeException e) {
      return current.encryption();
    }
    if (named.equals(current.encryption().publicKey().pem())) {
      return current.encryption();
    }
    var retired = current.retiredByPem(named);
    if (retired.isEmpty()) {
      return current.encryption();
    }
    if (clock.millis() > retired.get().retiredAtMillis() + retiredKeyLifetime()) {
      throw retiredKey(request.workOrderId());
    }
    return retired.get().key();
  }

  /** The work order error for a request sealed to an encryption key retired beyond its grace. */
  public static EeaException retiredKey(String workOrderId) {
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    data.put("workOrderId", workOrderId);
    data.put("reason", PoolApi.RETIRED_KEY_REASON);
    return new EeaException(
        WorkOrderStatus.INVALID_PARAMETER_FORMAT_OR_VALUE.code(),
        "Work order is encrypted to a worker encryption key retired by key rotation; retrieve the worker"
            + " again and resubmit with its current encryptionKey",
        data);
  }

  // ---- PostprocessWorkorder ----

  /**
   * Checks that {@code response} answers {@code request}, which this WKM preprocessed (it finds it
   * by the request hash it remembered), signed by the WP that preprocessed it, and re-signs it for
   * requesters: with the pool key, or (ext-key policy) with a fresh per-work-order key the pool key
   * vouches for.
   */
  public WorkOrderResult postprocess(WorkOrderSubmitParams request, WorkOrderResult response) {
    PoolKeys current = requireKeys();
    byte[] requestHash = WorkOrderHashes.requestHash(request);
    Preprocessed p = preprocessed.remove(Hex.upper(requestHash));
    if (p == null) {
      throw new EeaException(
          PoolApi.REATTEST, "work order " + request.workOrderId() + " was not preprocessed by this WKM");
    }
    if (!Objects.equals(response.workOrderId(), request.workOrderId())
        || !Objects.equals(response.workloadId(), request.workloadId())
        || !Objects.equals(response.workerId(), request.workerId())
        || !Objects.equals(response.requesterId(), request.requesterId())) {
      throw new EeaException(PoolApi.NOT_ADMITTED, "the response does not answer the preprocessed request");
    }
    byte[] hash = WorkOrderHashes.responseHash(response, requestHash);
    byte[] wpSignature;
    try {
      wpSignature = Base64.getDecoder().decode(Objects.requireNonNullElse(response.workerSignature(), ""));
    } catch (IllegalArgumentException e) {
      wpSignature = new byte[0];
    }
    if (!p.wpKey.verifyDigest(hash, wpSignature)) {
      throw new EeaException(PoolApi.NOT_ADMITTED, "the response is not signed by the WP that preprocessed it");
    }
    if (policy.extKeySignatures()) {
      PublicKeySign perWorkOrder = Secp256k1.generate();
      String pem = perWorkOrder.verifier().pem();
      return response
          .withSignature(Base64.getEncoder().encodeToString(perWorkOrder.signDigest(hash)))
          .withExtVerificationKey(pem, Signatures.extVerificationKeySignature(current.signing(), pem, request));
    }
    return response
        .withSignature(Base64.getEncoder().encodeToString(current.signing().signDigest(hash)))
        .withExtVerificationKey(null, null);
  }

  // ---- SignReceiptUpdate ----

  /**
   * The pool-signed PROCESSED or FAILED receipt update for a work order's stored outcome, whose
   * exact bytes it hashes itself. A result gets PROCESSED only if the pool signed it (with the pool
   * key, or with an ext key the pool key vouched for, bound to {@code request}), so nothing else
   * can be passed off as the pool's result. An error object is unsigned in EEA: FAILED says only that
   * the stored outcome with that hash is an error naming this work order, as the singleton's does.
   * Stateless, so any replica signs any work order, across restarts; it cannot tell whether the pool
   * saw a work order, so the listener makes that check: it takes a FAILED only with the hash of the
   * stored outcome.
   *
   * @param updaterId the pool worker's id, which the update names (not covered by the signature)
   */
  public ReceiptUpdateParams signReceiptUpdate(
      String workOrderId, String updaterId, byte[] responseBytes, WorkOrderSubmitParams request) {
    PoolKeys current = requireKeys();
    WorkOrderResponse response = ProtocolJson.bind(ProtocolJson.parse(responseBytes), WorkOrderResponse.class);
    if (response.failed()) {
      JsonNode data = response.error().data();
      if (data == null || !workOrderId.equals(data.path("workOrderId").asText())) {
        throw new EeaException(PoolApi.NOT_ADMITTED, "the error does not name work order " + workOrderId);
      }
    } else if (response.result() == null
        || request == null
        || !workOrderId.equals(response.result().workOrderId())
        || !workOrderId.equals(request.workOrderId())) {
      throw new EeaException(PoolApi.NOT_ADMITTED, "the response is no result of work order " + workOrderId);
    } else {
      try {
        ResponseOpener.verifySignature(response.result(), request, current.signing().verifier());
      } catch (CryptoException e) {
        throw new EeaException(PoolApi.NOT_ADMITTED, "the result is not signed by this pool: " + e.getMessage());
      }
    }
    return WorkerReceiptUpdates.signed(current.signing(), updaterId, workOrderId, response, responseBytes);
  }

  // ---- GenerateNewEncryptionKey ----

  /** The new key's public half, as GenerateNewEncryptionKey returns it. */
  public record NewEncryptionKey(
      String nonce, String tag, String encryptionKey, String encryptionKeySignature, String signature) {}

  public synchronized NewEncryptionKey generateNewEncryptionKey(String nonce, String tag) {
    PoolKeys rotated = requireKeys().rotate(clock.millis());
    store(rotated);
    rotations.incrementAndGet();
    String n = nonce != null && !nonce.isEmpty() ? nonce : randomHex();
    String t = tag != null && !tag.isEmpty() ? tag : randomHex();
    String pem = rotated.encryption().publicKey().pem();
    String signature =
        Base64.getEncoder().encodeToString(rotated.signing().signDigest(Sha256.digest(n + t + pem)));
    log.info("Generated a new pool encryption key; the previous one is retired");
    return new NewEncryptionKey(n, t, pem, Signatures.encryptionKeySignature(rotated.signing(), pem), signature);
  }

  // ---- GetWorkerPrivateKeys / SetWorkerPrivateKeys ----

  /** Private keys encrypted to the requesting WKM, and this WKM's attestation bound to them. */
  public record ExportedKeys(String keys, AttestationInfo attestation) {}

  /** The untrusted half of a joining WKM: attestation info carrying a random id another WKM issued. */
  public AttestationInfo createKeyRequest(String randomIdOfSource) {
    KeyWrapPrivateKey transport = X25519Hkdf.generate();
    keyRequests.put(randomIdOfSource, transport);
    return AttestationInfo.create(
        tee, randomIdOfSource, instanceKey.verifier().pem(), transport.publicKey().pem(),
        randomIdOfSource.getBytes(StandardCharsets.UTF_8));
  }

  public ExportedKeys exportKeys(AttestationInfo requester) {
    if (!policy.keyMigration()) {
      throw new EeaException(PoolApi.MIGRATION_FORBIDDEN, "this pool's key migration policy keeps its keys in one WKM");
    }
    PoolKeys current = requireKeys();
    if (requester == null || randomIds.remove(requester.randomId()) == null) {
      throw new EeaException(PoolApi.REATTEST, "random id unknown or already used");
    }
    evidence.require(requester, requester.randomId().getBytes(StandardCharsets.UTF_8), peerPolicy, "WKM");
    KeyWrapPublicKey to = X25519Hkdf.publicKeyFromPem(requester.encryptionKey());
    byte[] secret = AesGcm.newKey();
    byte[] blob = concat(to.wrap(secret), AesGcm.of(secret).seal(current.toJson(), null));
    AttestationInfo own =
        AttestationInfo.create(tee, requester.randomId(), instanceKey.verifier().pem(), "-", blob);
    log.info("Exported the pool keys to an attested WKM");
    return new ExportedKeys(Hex.upper(blob), own);
  }

  public synchronized void importKeys(String keysHex, AttestationInfo producer) {
    KeyWrapPrivateKey transport = producer == null ? null : keyRequests.remove(producer.randomId());
    if (transport == null) {
      throw new EeaException(PoolApi.REATTEST, "no key request was made with this random id");
    }
    byte[] blob;
    try {
      blob = Hex.decode(keysHex);
    } catch (RuntimeException e) {
      throw EeaException.invalidParameter("keys is not hex");
    }
    evidence.require(producer, blob, peerPolicy, "key-exporting WKM");
    PoolKeys received;
    try {
      int wrapped = X25519Hkdf.WRAPPED_BYTES;
      byte[] secret = transport.unwrap(Arrays.copyOf(blob, wrapped));
      received = PoolKeys.fromJson(AesGcm.of(secret).open(Arrays.copyOfRange(blob, wrapped, blob.length), null));
    } catch (CryptoException | IllegalArgumentException e) {
      throw EeaException.invalidParameter("the keys do not decrypt: " + e.getMessage());
    }
    if (keys != null && !keys.signing().verifier().pem().equals(received.signing().verifier().pem())) {
      log.warn("Replacing this WKM's pool keys with another pool's keys");
    }
    store(received);
    log.info("Imported the pool keys from an attested WKM");
  }

  // ---- WorkerInfo ----

  /** The pool's public identity for the Worker Directory, with this WKM's evidence over it. */
  public ObjectNode workerInfo() {
    PoolKeys current = requireKeys();
    String verificationKey = current.signing().verifier().pem();
    String encryptionKey = current.encryption().publicKey().pem();
    TeeEvidence evidence = poolEvidence;
    if (evidence == null) {
      evidence = tee.attest(ReportDataBinding.of(verificationKey));
      poolEvidence = evidence;
    }
    ObjectNode info = JsonNodeFactory.instance.objectNode();
    info.put("verificationKey", verificationKey);
    info.put("encryptionKey", encryptionKey);
    info.put("encryptionKeySignature", Signatures.encryptionKeySignature(current.signing(), encryptionKey));
    info.put("proofDataType", evidence.proofDataType());
    info.put("proofData", evidence.proofData());
    info.put("simulated", tee.kind() == TeeKind.SIMULATED);
    var retired = info.putArray("retiredEncryptionKeys");
    for (PoolKeys.Retired r : current.retired()) {
      retired.addObject().put("encryptionKey", r.key().publicKey().pem()).put("retiredAt", r.retiredAtMillis());
    }
    return info;
  }

  // ---- admission ----

  private AdmittedWp admit(AttestationInfo caller) {
    if (caller == null || caller.randomId() == null) {
      throw new EeaException(PoolApi.NOT_ADMITTED, "no attestation info");
    }
    String digest = caller.digest();
    AdmittedWp known = admitted.get(digest);
    if (known != null) {
      known.lastUsedMillis = clock.millis();
      return known;
    }
    synchronized (admitted) {
      known = admitted.get(digest);
      if (known != null) {
        return known;
      }
      if (randomIds.remove(caller.randomId()) == null) {
        throw new EeaException(PoolApi.REATTEST, "random id unknown or already used: get a new one and re-attest");
      }
      Verdict verdict =
          evidence.require(caller, caller.randomId().getBytes(StandardCharsets.UTF_8), wpPolicy, "WP");
      if (ownPlatform != null && !ownPlatform.equals(verdict.measurements().get("SIMULATION_KEY_SHA256"))) {
        throw new EeaException(PoolApi.NOT_ADMITTED, "WP refused: it does not run on this WKM's platform");
      }
      long now = clock.millis();
      admitted.values().removeIf(wp -> wp.lastUsedMillis < now - IDLE_WP_EXPIRY.toMillis());
      if (policy.maxConcurrentWps() > 0 && admitted.size() >= policy.maxConcurrentWps()) {
        throw new EeaException(
            PoolApi.NOT_ADMITTED, "WP refused: the pool allows at most " + policy.maxConcurrentWps() + " WPs at once");
      }
      AdmittedWp wp =
          new AdmittedWp(
              Secp256k1.verifierFromPem(caller.verificationKey()),
              X25519Hkdf.publicKeyFromPem(caller.encryptionKey()),
              now);
      admitted.put(digest, wp);
      log.info("Admitted a WP ({} admitted)", admitted.size());
      return wp;
    }
  }

  /** Counts a work order against the WP identity; a spent identity must restart and re-attest. */
  private void spend(AttestationInfo caller, AdmittedWp wp) {
    int used = wp.workOrders.incrementAndGet();
    if (policy.maxWorkOrdersPerWp() > 0 && used >= policy.maxWorkOrdersPerWp()) {
      admitted.remove(caller.digest());
    }
    if (policy.maxWorkOrdersPerWp() > 0 && used > policy.maxWorkOrdersPerWp()) {
      throw new EeaException(PoolApi.REATTEST, "this WP identity has used its work order budget: restart and re-attest");
    }
  }

  private PoolKeys requireKeys() {
    PoolKeys current = keys;
    if (current == null) {
      throw new EeaException(PoolApi.NO_KEYS, "this WKM holds no pool keys yet");
    }
    return current;
  }

  /**
   * How long a retired key still opens work orders. The listener stops admitting work orders sealed
   * to it after the grace period; those it admitted before may wait in the queue, so the key stays
   * usable an hour longer.
   */
  private long retiredKeyLifetime() {
    return policy.rotationGrace().plus(RETIRED_KEY_QUEUE_ALLOWANCE).toMillis();
  }

  private PoolKeys loadKeys(boolean generateIfMissing) {
    try {
      if (Files.exists(sealedKeys)) {
        return PoolKeys.fromJson(SealedFile.read(tee, SEALED_KIND, sealedKeys));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the sealed pool keys " + sealedKeys, e);
    }
    if (!generateIfMissing) {
      return null;
    }
    PoolKeys generated = PoolKeys.generate();
    store(generated);
    log.info("Generated and sealed new pool keys in {}", sealedKeys);
    return generated;
  }

  private void store(PoolKeys updated) {
    try {
      SealedFile.write(tee, SEALED_KIND, sealedKeys, updated.toJson());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot seal the pool keys to " + sealedKeys, e);
    }
    if (keys == null || !keys.signing().verifier().pem().equals(updated.signing().verifier().pem())) {
      poolEvidence = null;
    }
    keys = updated;
  }

  private static String randomHex() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  private static final class AdmittedWp {
    final PublicKeyVerify verificationKey;
    final KeyWrapPublicKey transportKey;
    final AtomicInteger workOrders = new AtomicInteger();
    volatile long lastUsedMillis;

    AdmittedWp(PublicKeyVerify verificationKey, KeyWrapPublicKey transportKey, long now) {
      this.verificationKey = verificationKey;
      this.transportKey = transportKey;
      this.lastUsedMillis = now;
    }
  }

  /** What PreprocessWorkorder remembers, under the request hash, for PostprocessWorkorder. */
  private record Preprocessed(PublicKeyVerify wpKey, long atMillis) {}
}
