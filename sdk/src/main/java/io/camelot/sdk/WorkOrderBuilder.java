package io.camelot.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.protocol.WorkOrderStatus;
import io.camelot.protocol.WorkloadIds;
import io.camelot.protocol.envelope.DataKeyItem;
import io.camelot.protocol.envelope.InputSpec;
import io.camelot.protocol.envelope.RequestSealer;
import io.camelot.protocol.envelope.RequestSecrets;
import io.camelot.protocol.envelope.RequestTemplate;
import io.camelot.protocol.model.Dependencies;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Describes one work order; {@link #submit()} seals and sends it. Inputs get wire indexes in the
 * order they are added. Ids default to fresh random hex as Avalon's SDK makes them.
 */
public final class WorkOrderBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(WorkOrderBuilder.class);
    private static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofMillis(6000);

    /** {@code data.reason} of a worker pool's error for a request sealed to a retired key. */
    static final String RETIRED_KEY_REASON = "encryption-key-retired";

    private final Requester requester;
    private final VerifiedWorker worker;
    private final String workloadName;
    private final List<InputSpec> inputs = new ArrayList<>();
    private final List<RequestTemplate.OutputKey> outputKeys = new ArrayList<>();
    private boolean withDataHashes;
    private String notifyUri;
    private String workOrderId;
    private String requesterId;
    private Duration responseTimeout = DEFAULT_RESPONSE_TIMEOUT;
    private final List<String> after = new ArrayList<>();
    private final List<SubmittedWorkOrder> predecessors = new ArrayList<>();
    private final List<String> reads = new ArrayList<>();
    private final List<String> writes = new ArrayList<>();
    private final List<Dependencies.HandOff> handOffs = new ArrayList<>();

    WorkOrderBuilder(Requester requester, VerifiedWorker worker, String workloadName) {
        this.requester = requester;
        this.worker = Objects.requireNonNull(worker, "worker");
        this.workloadName = Objects.requireNonNull(workloadName, "workloadName");
    }

    /** UTF-8 text encrypted under the session key. */
    public WorkOrderBuilder input(String text) {
        return input(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Bytes encrypted under the session key. */
    public WorkOrderBuilder input(byte[] data) {
        inputs.add(new InputSpec.SessionKey(data.clone(), false));
        return this;
    }

    /** Bytes sent in the clear, base64 encoded ({@code encryptedDataEncryptionKey = "-"}). */
    public WorkOrderBuilder plaintextInput(byte[] data) {
        inputs.add(new InputSpec.Plaintext(data.clone(), false));
        return this;
    }

    /** An item another party encrypted under its own data key; this requester cannot read it. */
    public WorkOrderBuilder dataKeyInput(DataKeyItem item) {
        inputs.add(new InputSpec.OwnDataKey(Objects.requireNonNull(item, "item")));
        return this;
    }

    /**
     * Asks the worker to encrypt the output at {@code index} under a data key instead of the session
     * key.
     *
     * @param wrappedDataKey the data key wrapped to this worker's encryption key
     */
    public WorkOrderBuilder outputKey(int index, byte[] wrappedDataKey) {
        outputKeys.add(new RequestTemplate.OutputKey(index, wrappedDataKey.clone()));
        return this;
    }

    /** Sends the SHA-256 of each session-key and plaintext input so the worker checks it. */
    public WorkOrderBuilder withDataHashes(boolean enabled) {
        this.withDataHashes = enabled;
        return this;
    }

    /**
     * Runs this work order only after {@code predecessor} has completed successfully; if it fails,
     * this one fails naming it. Its result names the predecessor's response hash, which {@link
     * SubmittedWorkOrder#awaitChain()} checks.
     */
    public WorkOrderBuilder after(SubmittedWorkOrder predecessor) {
        if (!after.contains(predecessor.workOrderId())) {
            after.add(predecessor.workOrderId());
            predecessors.add(predecessor);
        }
        return this;
    }

    /**
     * Runs this work order only after the work order with this id, submitted by anyone, has completed
     * successfully. {@link SubmittedWorkOrder#awaitChain()} cannot verify such a link (it has no
     * verified result to compare) and fails on it; use {@link #after(SubmittedWorkOrder)} for chains.
     */
    public WorkOrderBuilder afterId(String workOrderId) {
        if (!after.contains(workOrderId)) {
            after.add(workOrderId);
        }
        return this;
    }

    /**
     * Declares named resources (e.g. {@code wallet:alice}) this work order only reads. Resources are
     * the requester key's own, so the requester needs a {@code requesterKey}: the TCS refuses an
     * unsigned work order that declares any (code 2).
     */
    public WorkOrderBuilder reads(String... resources) {
        reads.addAll(List.of(resources));
        return this;
    }

    /**
     * Declares named resources this work order writes: it runs alone on each of the requester key's
     * resources of those names. Needs a {@code requesterKey}, as {@link #reads} does.
     */
    public WorkOrderBuilder writes(String... resources) {
        writes.addAll(List.of(resources));
        return this;
    }

    /**
     * Adds an input that the worker fills, inside its TEE, with output {@code outputIndex} of {@code
     * predecessor} (which must run on the same worker and be signed by this requester's key). The
     * requester never downloads or re-uploads that data.
     */
    public WorkOrderBuilder inputFrom(SubmittedWorkOrder predecessor, int outputIndex) {
        after(predecessor);
        handOffs.add(new Dependencies.HandOff(inputs.size(), predecessor.workOrderId(), outputIndex));
        inputs.add(new InputSpec.HandOffPlaceholder());
        return this;
    }

    public WorkOrderBuilder notifyUri(String uri) {
        this.notifyUri = uri;
        return this;
    }

    /** Hex text, sent and hashed verbatim (default: 64 random lower-case hex digits). */
    public WorkOrderBuilder workOrderId(String id) {
        this.workOrderId = id;
        return this;
    }

    /** Hex text, sent and hashed verbatim (default: 64 random lower-case hex digits). */
    public WorkOrderBuilder requesterId(String id) {
        this.requesterId = id;
        return this;
    }

    /** Advisory only: Avalon workers ignore it (default 6000 ms). */
    public WorkOrderBuilder responseTimeout(Duration timeout) {
        this.responseTimeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    /**
     * Seals the work order to the worker's key and submits it. If sending fails in transport, the
     * same sealed work order is sent again as {@link Requester.Builder#submitRetry} allows. If the
     * worker is a pool that has rotated its encryption key since the worker was verified, and refuses
     * the old key, the worker is retrieved and verified again and the work order resubmitted to its
     * new key, once.
     *
     * @throws IllegalStateException if no input was added
     * @throws TcsRpcException if the TCS refuses the work order
     * @throws TcsTransportException if the last send failed in transport
     * @throws TcsTimeoutException if the last send got no answer in time
     */
    public SubmittedWorkOrder submit() {
        if (inputs.isEmpty()) {
            throw new IllegalStateException("A work order needs at least one input");
        }
        RequestTemplate template = template();
        try {
            return submit(template, worker);
        } catch (TcsRpcException e) {
            if (!sealedToRetiredKey(e)) {
                throw e;
            }
            // The worker rotated its key and the grace period is over: nothing was stored, so the same
            // work order is sealed again to the key the worker publishes now, once.
            return submit(template, requester.worker(worker.workerId()));
        }
    }

    private SubmittedWorkOrder submit(RequestTemplate template, VerifiedWorker target) {
        RequestSecrets secrets = RequestSealer.seal(
                template.withEnvelope(requester.envelopeFor(target)),
                target.sessionKeyWrap(),
                requester.requesterKey());
        SubmitReply reply = send(secrets.request());
        return new SubmittedWorkOrder(requester, target, secrets, reply, List.copyOf(predecessors));
    }

    /**
     * Sends the sealed work order; after a transport failure or call timeout, sends the very same
     * params again. Sealing anew would make a different request under the same id, and the secrets
     * that open the first one's result would be lost. If a failed send was in fact stored, the TCS
     * answers the resend as a duplicate that is the same request, and the work order is pending like
     * any accepted one.
     */
    private SubmitReply send(WorkOrderSubmitParams request) {
        Backoff backoff = requester.timing().submit();
        Duration delay = backoff.initial();
        for (int attempt = 1; ; attempt++) {
            try {
                return requester.client().workOrderSubmit(request);
            } catch (TcsRpcException e) {
                // On a first send a duplicate cannot be ours: it is another work order under this id.
                if (attempt > 1 && storedByAnEarlierSend(e, request.workOrderId())) {
                    return new SubmitReply.Pending(e.serverMessage());
                }
                throw e;
            } catch (TcsTransportException | TcsTimeoutException e) {
                if (attempt >= requester.timing().submitAttempts()) {
                    throw e;
                }
                LOG.debug(
                        "Sending work order {} failed (attempt {} of {}); resending it in {} ms: {}",
                        request.workOrderId(),
                        attempt,
                        requester.timing().submitAttempts(),
                        delay.toMillis(),
                        e.getMessage());
                Backoff.pause(delay, "resending work order " + request.workOrderId());
                delay = backoff.next(delay);
            }
        }
    }

    /**
     * The TCS's duplicate answer (code 2) with {@code data} naming this work order and {@code
     * "sameRequest": true}: the request it stored under the id is the one sent.
     */
    private static boolean storedByAnEarlierSend(TcsRpcException e, String workOrderId) {
        JsonNode data = e.data();
        return e.code() == WorkOrderStatus.INVALID_PARAMETER_FORMAT_OR_VALUE.code()
                && data != null
                && workOrderId.equals(data.path("workOrderId").textValue())
                // booleanValue() is false for anything but a JSON true, so "true" as text does not count.
                && data.path("sameRequest").booleanValue();
    }

    /** A worker pool's answer to a request sealed to an encryption key it retired. */
    private static boolean sealedToRetiredKey(TcsRpcException e) {
        return e.data() != null
                && RETIRED_KEY_REASON.equals(e.data().path("reason").asText());
    }

    private RequestTemplate template() {
        return new RequestTemplate(
                workOrderId != null ? workOrderId : RandomIds.hex(32),
                worker.workerId(),
                WorkloadIds.of(workloadName),
                requesterId != null ? requesterId : RandomIds.hex(32),
                RandomIds.hex(16),
                responseTimeout.toMillis(),
                notifyUri,
                inputs.stream().map(this::applyDataHashSetting).toList(),
                List.copyOf(outputKeys),
                dependencies());
    }

    /** Null unless something was declared, so plain work orders stay exactly Avalon's. */
    private Dependencies dependencies() {
        if (after.isEmpty() && reads.isEmpty() && writes.isEmpty()) {
            return null;
        }
        return new Dependencies(
                after.isEmpty() ? null : List.copyOf(after),
                reads.isEmpty() ? null : List.copyOf(reads),
                writes.isEmpty() ? null : List.copyOf(writes),
                handOffs.isEmpty() ? null : List.copyOf(handOffs));
    }

    // Applied at submit time so withDataHashes covers inputs added before it was set.
    private InputSpec applyDataHashSetting(InputSpec spec) {
        return switch (spec) {
            case InputSpec.SessionKey s -> new InputSpec.SessionKey(s.plaintext(), withDataHashes);
            case InputSpec.Plaintext p -> new InputSpec.Plaintext(p.plaintext(), withDataHashes);
            case InputSpec.OwnDataKey own -> own;
            case InputSpec.HandOffPlaceholder placeholder -> placeholder;
        };
    }
}
