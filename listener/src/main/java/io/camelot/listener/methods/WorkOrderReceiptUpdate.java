package io.camelot.listener.methods;

import io.camelot.listener.RpcCall;
import io.camelot.listener.RpcMethod;
import io.camelot.listener.RpcOutcome;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.ErrorCode;
import io.camelot.protocol.Hex;
import io.camelot.protocol.Params;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.ReceiptStatus;
import io.camelot.protocol.envelope.Signatures;
import io.camelot.protocol.hash.Sha256;
import io.camelot.protocol.model.ReceiptUpdateParams;
import io.camelot.store.TcsStore;
import java.util.List;
import java.util.Set;

/**
 * Appends an update to a receipt, as Avalon intended (its handler always failed): nothing after
 * COMPLETED, no PENDING/FAILED/REJECTED after PROCESSED, and PROCESSED/COMPLETED must carry the
 * upper-hex SHA-256 of the stored response. The status checks and the append are one
 * compare-and-append, retried if another update got in between.
 */
public final class WorkOrderReceiptUpdate implements RpcMethod {
  private static final Set<Long> NOT_AFTER_PROCESSED =
      Set.of(
          (long) ReceiptStatus.PENDING.code(),
          (long) ReceiptStatus.FAILED.code(),
          (long) ReceiptStatus.REJECTED.code());
  /** 5..254 are reserved and 255 means "any" (a lookup filter, not a status). */
  private static final long FIRST_APPLICATION_STATUS = 256;

  private final TcsStore store;

  public WorkOrderReceiptUpdate(TcsStore store) {
    this.store = store;
  }

  @Override
  public String name() {
    return "WorkOrderReceiptUpdate";
  }

  @Override
  public RpcOutcome invoke(RpcCall call) {
    ReceiptUpdateParams p = Params.receiptUpdate(call.params());
    requireReceipt(p.workOrderId());
    long type = p.updateType();
    if (ReceiptStatus.of(type).isEmpty() && type < FIRST_APPLICATION_STATUS) {
      throw EeaException.invalidParameter("Invalid data format for updateType");
    }
    if (p.updateSignature() != null
        && !p.updateSignature().isEmpty()
        && !Signatures.verifyReceiptUpdate(
            Receipts.verifier(p.receiptVerificationKey()), p.workOrderId(), type, p.updateData(), p.updateSignature())) {
      throw EeaException.invalidParameter("Receipt update signature does not match");
    }
    if (type == ReceiptStatus.PROCESSED.code() || type == ReceiptStatus.COMPLETED.code()) {
      requireResponseHash(p);
    }
    byte[] update = ProtocolJson.toBytes(p);
    while (true) {
      requireReceipt(p.workOrderId());
      List<ReceiptUpdateParams> updates = Receipts.updates(store, p.workOrderId());
      requireAllowedAfter(updates, type);
      if (store.appendReceiptUpdate(p.workOrderId(), updates.size(), update)) {
        return RpcOutcome.error(ErrorCode.SUCCESS.code(), "Receipt updated successfully");
      }
    }
  }

  private void requireReceipt(String workOrderId) {
    if (store.receipt(workOrderId).isEmpty()) {
      throw EeaException.invalidParameter(
          "Work order receipt with id " + workOrderId + " is not created yet, hence invalid parameter");
    }
  }

  private void requireResponseHash(ReceiptUpdateParams p) {
    String expected =
        store.response(p.workOrderId())
            .map(response -> Hex.upper(Sha256.digest(response)))
            .orElseThrow(
                () -> EeaException.invalidParameter(
                    "Work order " + p.workOrderId() + " has no result yet. Hence invalid updateType"));
    if (!expected.equals(p.updateData())) {
      throw EeaException.invalidParameter("Update data does not match the hash of the work order result");
    }
  }

  private static void requireAllowedAfter(List<ReceiptUpdateParams> updates, long type) {
    for (ReceiptUpdateParams previous : updates) {
      if (previous.updateType() == ReceiptStatus.COMPLETED.code()) {
        throw EeaException.invalidParameter("Receipt update status is set to completed, No further update allowed");
      }
      if (previous.updateType() == ReceiptStatus.PROCESSED.code() && NOT_AFTER_PROCESSED.contains(type)) {
        throw EeaException.invalidParameter(
            "Receipt update status is set to processed, No further pending, failed or rejected update allowed");
      }
    }
  }
}
