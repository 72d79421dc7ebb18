package io.camelot.sdk;

import io.camelot.protocol.EnvelopeVersion;
import io.camelot.protocol.ReceiptStatus;
import io.camelot.protocol.crypto.CryptoException;
import io.camelot.protocol.crypto.PublicKeySign;
import io.camelot.protocol.crypto.PublicKeyVerify;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.envelope.Signatures;
import io.camelot.protocol.hash.Sha256;
import io.camelot.protocol.hash.WorkOrderHashes;
import io.camelot.protocol.model.ReceiptCreateParams;
import io.camelot.protocol.model.ReceiptLookUpParams;
import io.camelot.protocol.model.ReceiptRetrieveResult;
import io.camelot.protocol.model.ReceiptUpdateParams;
import io.camelot.protocol.model.ReceiptUpdateRetrieveParams;
import io.camelot.protocol.model.ReceiptUpdateRetrieveResult;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.protocol.model.WorkerLookUpParams;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The requester's side of a TCS: find and verify workers, submit sealed work orders, await and
 * verify their results, and manage receipts. Every answer that carries a signature is verified
 * before it is returned. Thread-safe if its {@link TcsClient} is.
 */
public final class Requester {
    public static final Duration DEFAULT_AWAIT_TIMEOUT = Duration.ofSeconds(60);

    private final TcsClient client;
    private final PublicKeySign requesterKey;
    private final WorkerVerifier workerVerifier;
    private final Timing timing;
    private final EnvelopeChoice envelopeChoice;

    private Requester(Builder builder) {
        this.client = Objects.requireNonNull(builder.client, "client");
        this.requesterKey = builder.requesterKey;
        this.workerVerifier = new WorkerVerifier(builder.attestationCheck, builder.rsaOnly);
        this.timing = new Timing(
                new Backoff(builder.pollInitial, builder.pollMax),
                builder.submitAttempts,
                new Backoff(builder.submitInitial, builder.submitMax),
                builder.awaitTimeout);
        this.envelopeChoice = builder.envelopeChoice;
    }

    public static Builder builder(TcsClient client) {
        return new Builder(client);
    }

    /** The ids of all workers matching {@code filter}, across every page. */
    public List<String> findWorkers(WorkerLookUpParams filter) {
        return LookUpPages.collect(
                () -> client.workerLookUp(filter),
                tag -> client.workerLookUpNext(new WorkerLookUpParams(
                        filter.workerType(), filter.organizationId(), filter.applicationTypeId(), tag, null)));
    }

    /**
     * Retrieves a worker and checks it can be trusted with a work order.
     *
     * @throws WorkerVerificationException naming the failed check
     */
    public VerifiedWorker worker(String workerId) {
        VerifiedWorker worker = workerVerifier.verify(workerId, client.workerRetrieve(workerId));
        if (envelopeChoice == EnvelopeChoice.HARDENED_ONLY && !servesHardened(worker)) {
            throw new WorkerVerificationException("Worker "
                    + workerId
                    + " does not advertise the hardened envelope camelot-2, which this requester requires");
        }
        return worker;
    }

    /** The envelope form work orders to {@code worker} are sealed in. */
    EnvelopeVersion envelopeFor(VerifiedWorker worker) {
        return envelopeChoice != EnvelopeChoice.LEGACY && servesHardened(worker)
                ? EnvelopeVersion.CAMELOT_2
                : EnvelopeVersion.AVALON_1;
    }

    private static boolean servesHardened(VerifiedWorker worker) {
        return worker.record().details().workerTypeData().serves(EnvelopeVersion.CAMELOT_2);
    }

    /** Starts a work order for {@code workloadName} on a verified worker. */
    public WorkOrderBuilder newWorkOrder(VerifiedWorker worker, String workloadName) {
        return new WorkOrderBuilder(this, worker, workloadName);
    }

    /**
     * Creates the receipt of a submitted work order, signed by the requester key.
     *
     * @return the params sent
     * @throws IllegalStateException if this requester has no signing key
     */
    public ReceiptCreateParams createReceipt(SubmittedWorkOrder workOrder) {
        PublicKeySign key = requireKey("create a receipt");
        WorkOrderSubmitParams sent = workOrder.request();
        String requestHash = Base64.getEncoder().encodeToString(WorkOrderHashes.requestHash(sent));
        String pem = key.verifier().pem();
        ReceiptCreateParams unsigned = new ReceiptCreateParams(
                sent.workOrderId(),
                sent.workerId(),
                sent.workerId(),
                sent.requesterId(),
                (long) ReceiptStatus.PENDING.code(),
                requestHash,
                RandomIds.receiptNonce(),
                null,
                ReceiptCreateParams.SIGNATURE_RULES,
                pem);
        ReceiptCreateParams signed = unsigned.signed(Signatures.receiptCreateSignature(key, unsigned), pem);
        client.receiptCreate(signed);
        return signed;
    }

    /**
     * Appends an update to a receipt, signed by the requester key. The TCS takes it only on a receipt
     * this key created ({@link #createReceipt}), and never as PROCESSED or FAILED, which only the
     * worker writes.
     *
     * @return the params sent
     * @throws IllegalStateException if this requester has no signing key
     */
    public ReceiptUpdateParams updateReceipt(String workOrderId, ReceiptStatus status, String updateData) {
        PublicKeySign key = requireKey("update a receipt");
        String pem = key.verifier().pem();
        // The schema wants a hex updaterId, so the key is named by its hash rather than its PEM body.
        String updaterId = HexFormat.of().formatHex(Sha256.digest(pem));
        ReceiptUpdateParams update = new ReceiptUpdateParams(
                workOrderId,
                updaterId,
                (long) status.code(),
                updateData,
                Signatures.receiptUpdateSignature(key, workOrderId, status.code(), updateData),
                ReceiptCreateParams.SIGNATURE_RULES,
                pem);
        client.receiptUpdate(update);
        return update;
    }

    public ReceiptRetrieveResult retrieveReceipt(String workOrderId) {
        return client.receiptRetrieve(workOrderId);
    }

    /**
     * One update of a receipt, by any updater.
     *
     * @param index 1-based, or {@link ReceiptUpdateRetrieveParams#LAST_UPDATE} for the latest
     */
    public ReceiptUpdateRetrieveResult receiptUpdate(String workOrderId, long index) {
        return client.receiptUpdateRetrieve(new ReceiptUpdateRetrieveParams(workOrderId, null, index));
    }

    /** The work order ids of all receipts matching {@code filter}, across every page. */
    public List<String> lookUpReceipts(ReceiptLookUpParams filter) {
        return LookUpPages.collect(
                () -> client.receiptLookUp(filter),
                tag -> client.receiptLookUpNext(new ReceiptLookUpParams(
                        filter.workerServiceId(),
                        filter.workerId(),
                        filter.requesterId(),
                        filter.receiptStatus(),
                        filter.requestCreateStatus(),
                        tag)));
    }

    /** True iff the update is signed by the worker's own verification key. */
    public boolean verifyReceiptUpdate(ReceiptUpdateRetrieveResult update, VerifiedWorker worker) {
        if (update.receiptVerificationKey() == null || update.updateType() == null) {
            return false;
        }
        PublicKeyVerify updaterKey;
        try {
            updaterKey = Secp256k1.verifierFromPem(update.receiptVerificationKey());
        } catch (CryptoException e) {
            return false;
        }
        // Parsed keys re-encode canonically, so equal PEMs here mean equal keys whatever the wrapping.
        if (!updaterKey.pem().equals(worker.verificationKey().pem())) {
            return false;
        }
        return Signatures.verifyReceiptUpdate(
                updaterKey, update.workOrderId(), update.updateType(), update.updateData(), update.updateSignature());
    }

    TcsClient client() {
        return client;
    }

    /** Null when this requester does not sign. */
    PublicKeySign requesterKey() {
        return requesterKey;
    }

    Timing timing() {
        return timing;
    }

    /**
     * How work orders are sent and awaited, as the builder set it.
     *
     * @param poll the delays between result polls
     * @param submitAttempts how many times in all one sealed work order is sent when sending fails in
     *     transport
     * @param submit the delays between those sends
     * @param awaitTimeout how long {@link SubmittedWorkOrder#await()} waits
     */
    record Timing(Backoff poll, int submitAttempts, Backoff submit, Duration awaitTimeout) {}

    private PublicKeySign requireKey(String action) {
        if (requesterKey == null) {
            throw new IllegalStateException("A requester signing key is needed to " + action);
        }
        return requesterKey;
    }

    /** Configures a {@link Requester}. */
    public static final class Builder {
        private final TcsClient client;
        private PublicKeySign requesterKey;
        private AttestationCheck attestationCheck = AttestationPolicy.strict();
        private Duration pollInitial = Duration.ofMillis(5);
        private Duration pollMax = Duration.ofMillis(500);
        private int submitAttempts = 4;
        private Duration submitInitial = Duration.ofMillis(250);
        private Duration submitMax = Duration.ofSeconds(2);
        private Duration awaitTimeout = DEFAULT_AWAIT_TIMEOUT;
        private boolean rsaOnly;
        private EnvelopeChoice envelopeChoice = EnvelopeChoice.HARDENED_IF_OFFERED;

        private Builder(TcsClient client) {
            this.client = Objects.requireNonNull(client, "client");
        }

        /** Signs work orders and receipts; without it both go unsigned and receipts are refused. */
        public Builder requesterKey(PublicKeySign key) {
            this.requesterKey = Objects.requireNonNull(key, "requesterKey");
            return this;
        }

        /**
         * Judges workers' attestation evidence. The default, {@link AttestationPolicy#strict()}, fails
         * closed: it refuses simulated workers and anything but UpToDate hardware.
         */
        public Builder attestationCheck(AttestationCheck check) {
            this.attestationCheck = Objects.requireNonNull(check, "attestationCheck");
            return this;
        }

        /**
         * Accepts SIMULATED workers: shorthand for an {@link AttestationPolicy} allowing simulation.
         */
        public Builder allowSimulation() {
            return attestationCheck(
                    AttestationPolicy.builder().allowSimulation().build());
        }

        /**
         * Wraps session keys with RSA-OAEP even where a worker offers the faster X25519, as Avalon's
         * clients do (default: the fastest the worker offers).
         */
        public Builder forceRsaOaep(boolean force) {
            this.rsaOnly = force;
            return this;
        }

        /** The envelope form to seal in (default: the hardened form wherever the worker offers it). */
        public Builder envelope(EnvelopeChoice choice) {
            this.envelopeChoice = Objects.requireNonNull(choice, "envelope");
            return this;
        }

        /** Shorthand for {@code envelope(EnvelopeChoice.HARDENED_ONLY)}. */
        public Builder requireHardenedEnvelope() {
            return envelope(EnvelopeChoice.HARDENED_ONLY);
        }

        /** Result polling starts at {@code initial} and doubles up to {@code max} (5 ms to 500 ms). */
        public Builder pollBackoff(Duration initial, Duration max) {
            if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
                throw new IllegalArgumentException(
                        "poll backoff needs 0 < initial <= max, got " + initial + " and " + max);
            }
            this.pollInitial = initial;
            this.pollMax = max;
            return this;
        }

        /**
         * A submit that fails in transport (no connection, a lost or garbled answer, a call timeout)
         * sends the same sealed work order again, up to {@code attempts} sends in all, waiting {@code
         * initial} doubling up to {@code max} in between (default 4 sends, 250 ms to 2 s). One send
         * disables retrying.
         */
        public Builder submitRetry(int attempts, Duration initial, Duration max) {
            if (attempts < 1 || initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("submit retry needs attempts >= 1 and 0 < initial <= max, got "
                        + attempts
                        + ", "
                        + initial
                        + " and "
                        + max);
            }
            this.submitAttempts = attempts;
            this.submitInitial = initial;
            this.submitMax = max;
            return this;
        }

        /** How long {@link SubmittedWorkOrder#await()} waits (default 60 s). */
        public Builder awaitTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("await timeout must be positive: " + timeout);
            }
            this.awaitTimeout = timeout;
            return this;
        }

        public Requester build() {
            return new Requester(this);
        }
    }
}
