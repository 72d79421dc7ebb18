package io.camelot.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.WorkOrderStatus;
import io.camelot.protocol.WorkloadIds;
import io.camelot.protocol.crypto.PublicKeySign;
import io.camelot.protocol.envelope.PlainItem;
import io.camelot.protocol.internal.crypto.KeyWrapKeyRing;
import io.camelot.protocol.internal.envelope.OpenedRequest;
import io.camelot.protocol.internal.envelope.RequestOpener;
import io.camelot.protocol.internal.envelope.ResponseSealer;
import io.camelot.protocol.jsonrpc.JsonRpcError;
import io.camelot.protocol.model.WorkOrderResponse;
import io.camelot.protocol.model.WorkOrderResult;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.protocol.trace.WorkOrderTrace;
import io.camelot.scheduler.WorkOrderStages;
import io.camelot.workload.Item;
import io.camelot.workload.Workload;
import io.camelot.workload.WorkloadContext;
import io.camelot.workload.WorkloadException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One work order's trusted path, from request to response: open the request, run the workload,
 * refuse an empty result, seal and sign the outputs. Singleton workers and pool WPs both run it, so
 * a workload answers with the same EEA codes and messages wherever it runs; what differs between
 * them (the keys, the workload's context, a singleton's hand-offs) comes in as arguments.
 */
public final class WorkOrderExecution {
    private static final Logger log = LoggerFactory.getLogger(WorkOrderExecution.class);

    /** Code 9's message (Avalon's words): this worker has no workload by the requested name. */
    public static final String UNKNOWN_WORKLOAD = "Workload cannot be processed by this worker";

    /** Code 10's message: a workload's bug stays in the worker's log, not in the response. */
    public static final String UNKNOWN_ERROR = "unknown internal error";

    /**
     * The keys of one work order.
     *
     * @param opening unwraps the request's keys (the worker's own, or those a WKM released to a WP)
     * @param signing signs the result
     */
    public record Keys(KeyWrapKeyRing opening, PublicKeySign signing) {}

    /**
     * What the workload runs with.
     *
     * @param inputs the plaintext inputs (the request's own, or with hand-offs filled in)
     * @param links the predecessors the result is chained to, or null for none
     */
    public record Setting(
            WorkloadContext context, List<PlainItem> inputs, List<WorkOrderResult.PredecessorLink> links) {}

    /**
     * The engine's part once the request is open; it may refuse the work order with an {@link
     * EeaException}.
     */
    @FunctionalInterface
    public interface Preparation {
        Setting prepare(OpenedRequest opened);
    }

    private final Timer decryptTimer;
    private final Timer workloadTimer;
    private final Timer signTimer;

    /**
     * @param registry where the decrypt, workload and sign stage timings go
     */
    public WorkOrderExecution(MeterRegistry registry) {
        this.decryptTimer = WorkOrderStages.timer(registry, WorkOrderStages.DECRYPT);
        this.workloadTimer = WorkOrderStages.timer(registry, WorkOrderStages.WORKLOAD);
        this.signTimer = WorkOrderStages.timer(registry, WorkOrderStages.SIGN);
    }

    /**
     * The workload a work order names.
     *
     * @throws EeaException code 9 if {@code workloads} has none by that name
     */
    public static Workload workload(Workloads workloads, WorkOrderSubmitParams params) {
        Optional<String> name = WorkloadIds.name(params.workloadId());
        return name.flatMap(workloads::find)
                .orElseThrow(() -> new EeaException(
                        WorkOrderStatus.INVALID_WORKLOAD.code(),
                        unknownWorkload(name.orElse(params.workloadId()), workloads)));
    }

    /**
     * Avalon's code 9 message, then what a requester needs to fix the request: the name it sent and
     * the names this worker runs (a typo in case, a WASM module on a pool).
     */
    static String unknownWorkload(String requested, Workloads workloads) {
        return UNKNOWN_WORKLOAD
                + ": it has no workload \""
                + requested
                + "\"; it runs "
                + String.join(", ", workloads.names());
    }

    /**
     * Runs one work order; every failure becomes an error response: an {@link EeaException} keeps its
     * code, a {@link WorkloadException} gets its reason's code, any other exception code 10.
     */
    public WorkOrderResponse run(WorkOrderSubmitParams params, Workload workload, Keys keys, Preparation preparation) {
        String id = params.workOrderId();
        try {
            long start = System.nanoTime();
            OpenedRequest opened = RequestOpener.open(params, keys.opening());
            Setting setting = preparation.prepare(opened);
            List<Item> inputs = setting.inputs().stream()
                    .map(item -> new Item(item.index(), item.data()))
                    .toList();
            long decrypted = System.nanoTime();
            decryptTimer.record(decrypted - start, TimeUnit.NANOSECONDS);
            List<Item> outputs = workload.process(inputs, setting.context());
            if (outputs == null || outputs.isEmpty()) {
                throw new WorkloadException("workload " + workload.name() + " produced no output");
            }
            long processed = System.nanoTime();
            workloadTimer.record(processed - decrypted, TimeUnit.NANOSECONDS);
            List<PlainItem> plainOutputs = outputs.stream()
                    .map(item -> new PlainItem(item.index(), item.data()))
                    .toList();
            WorkOrderResponse response = WorkOrderResponse.of(
                    ResponseSealer.sealChained(opened, plainOutputs, keys.signing(), setting.links()));
            long sealed = System.nanoTime();
            signTimer.record(sealed - processed, TimeUnit.NANOSECONDS);
            if (WorkOrderTrace.LOG.isDebugEnabled()) {
                WorkOrderTrace.LOG.debug(
                        "worker {} ran {}: decrypt {} us, workload {} us, sign {} us",
                        params.workerId(),
                        workload.name(),
                        (decrypted - start) / 1000,
                        (processed - decrypted) / 1000,
                        (sealed - processed) / 1000);
            }
            return response;
        } catch (EeaException e) {
            return failure(id, e);
        } catch (WorkloadException e) {
            return failure(id, new EeaException(statusOf(e.reason()).code(), e.getMessage()));
        } catch (RuntimeException e) {
            log.error("Work order {} failed unexpectedly in workload {}", id, workload.name(), e);
            return failure(id, new EeaException(WorkOrderStatus.UNKNOWN_ERROR.code(), UNKNOWN_ERROR));
        }
    }

    /**
     * The error response for a work order: the exception's data, or Avalon's {@code {"workOrderId":
     * …}}.
     */
    public static WorkOrderResponse failure(String workOrderId, EeaException e) {
        JsonNode data = e.data();
        if (data == null || !data.isObject()) {
            data = JsonNodeFactory.instance.objectNode().put("workOrderId", workOrderId);
        }
        return WorkOrderResponse.of(new JsonRpcError(e.code(), e.getMessage(), data));
    }

    private static WorkOrderStatus statusOf(WorkloadException.Reason reason) {
        return switch (reason) {
            case FAILED, RESOURCE_LIMIT -> WorkOrderStatus.FAILED;
            case INVALID_INPUT -> WorkOrderStatus.INVALID_PARAMETER_FORMAT_OR_VALUE;
            case ACCESS_DENIED -> WorkOrderStatus.ACCESS_DENIED;
        };
    }
}
