package io.camelot.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.WorkOrderStatus;
import io.camelot.protocol.jsonrpc.JsonRpcError;
import io.camelot.protocol.model.Dependencies;
import io.camelot.protocol.model.WorkOrderResponse;
import io.camelot.store.TcsStore;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What every dependency scheduler says the same way, whether its tables live in one node's memory
 * ({@link InMemoryDependencyGate}) or in the shared PostgreSQL queue: the admission refusals, the
 * reading of a predecessor's outcome and the response of a work order whose predecessor failed.
 */
public final class DependencyRules {
  private DependencyRules() {}

  /** Whether the work order waits for anything: predecessors or resource locks. */
  public static boolean gated(Dependencies deps) {
    return deps != null && (!deps.afterIds().isEmpty() || deps.hasResources());
  }

  /**
   * The resources a work order locks, in canonical (sorted) order, each mapped to true if it locks
   * it exclusively: a resource both read and written is written.
   */
  public static SortedMap<String, Boolean> lockModes(Dependencies deps) {
    SortedMap<String, Boolean> exclusive = new TreeMap<>();
    deps.readResources().forEach(name -> exclusive.put(name, false));
    deps.writeResources().forEach(name -> exclusive.put(name, true));
    return exclusive;
  }

  /**
   * Refuses, before anything is stored, a work order naming a predecessor the store does not know
   * (so no cycle can ever form: a predecessor must exist before its successor) or a hand-off from a
   * work order of another worker.
   *
   * @throws EeaException code 2 naming the offending id
   */
  public static void checkAdmissible(TcsStore store, String workerId, Dependencies deps) {
    for (String predecessor : deps.afterIds()) {
      if (store.workOrder(predecessor).isEmpty()) {
        throw EeaException.invalidParameter(
            "Invalid dependencies.after: unknown predecessor work order " + predecessor
                + " (a predecessor must be submitted first, so no cycle can form)");
      }
    }
    for (Dependencies.HandOff handOff : deps.handOffs()) {
      String predecessorWorker =
          store.workOrder(handOff.workOrderId()).map(TcsStore.WorkOrderInfo::workerId).orElse("");
      if (!predecessorWorker.equals(workerId)) {
        throw EeaException.invalidParameter(
            "Invalid dependencies.inputFrom: work order " + handOff.workOrderId()
                + " ran on another worker; a hand-off stays inside one worker's TEE");
      }
    }
  }

  /**
   * The error message of a stored response, or null if it is a result. Only responses of
   * predecessors are parsed, never on the path of independent work orders.
   */
  public static String failureOf(byte[] response) {
    JsonNode error = ProtocolJson.parse(response).get("error");
    if (error == null || error.isNull()) {
      return null;
    }
    return "code " + error.path("code").asInt() + ", " + error.path("message").asText();
  }

  /** Why a successor cannot run: its predecessor failed with {@code failure} ({@link #failureOf}). */
  public static String predecessorFailed(String predecessorId, String failure) {
    return "predecessor work order " + predecessorId + " failed: " + failure;
  }

  /** Why a successor cannot run: its predecessor is gone (purged before the successor was scheduled). */
  public static String predecessorUnknown(String predecessorId) {
    return "predecessor work order " + predecessorId + " is unknown (purged)";
  }

  /**
   * The response stored for a work order that cannot run: FAILED (code 1) with {@code reason}. The
   * worker signs nothing here; if a receipt exists it appends its signed FAILED update as for any
   * failed work order.
   */
  public static byte[] cannotRunResponse(String workOrderId, String reason) {
    JsonNode data = JsonNodeFactory.instance.objectNode().put("workOrderId", workOrderId);
    return ProtocolJson.toBytes(
        WorkOrderResponse.of(
            new JsonRpcError(
                WorkOrderStatus.FAILED.code(), "Work order " + workOrderId + " cannot run: " + reason, data)));
  }
}
