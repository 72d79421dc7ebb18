package io.camelot.listener;

import io.camelot.listener.methods.EncryptionKeyGet;
import io.camelot.listener.methods.EncryptionKeySet;
import io.camelot.listener.methods.RpcDiscover;
import io.camelot.listener.methods.WorkOrderGetResult;
import io.camelot.listener.methods.WorkOrderReceiptCreate;
import io.camelot.listener.methods.WorkOrderReceiptLookUp;
import io.camelot.listener.methods.WorkOrderReceiptLookUpNext;
import io.camelot.listener.methods.WorkOrderReceiptRetrieve;
import io.camelot.listener.methods.WorkOrderReceiptUpdate;
import io.camelot.listener.methods.WorkOrderReceiptUpdateRetrieve;
import io.camelot.listener.methods.WorkOrderSubmit;
import io.camelot.listener.methods.WorkerLookUp;
import io.camelot.listener.methods.WorkerLookUpNext;
import io.camelot.listener.methods.WorkerRegister;
import io.camelot.listener.methods.WorkerRetrieve;
import io.camelot.listener.methods.WorkerSetStatus;
import io.camelot.listener.methods.WorkerUpdate;
import io.camelot.protocol.ErrorCode;
import io.camelot.protocol.jsonrpc.JsonRpcError;
import io.camelot.scheduler.WorkOrderQueue;
import io.camelot.store.TcsStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The methods a listener serves, by name, and whether this listener lets operators in. */
public final class MethodRegistry {
  private final Map<String, RpcMethod> methods;
  private final boolean operatorMethodsEnabled;

  public MethodRegistry(Collection<RpcMethod> methods, boolean operatorMethodsEnabled) {
    this.methods = methods.stream().collect(Collectors.toUnmodifiableMap(RpcMethod::name, Function.identity()));
    this.operatorMethodsEnabled = operatorMethodsEnabled;
  }

  /** Every direct-model method, wired to the store and the work order queue, with unpublished meters. */
  public static MethodRegistry directModel(TcsStore store, WorkOrderQueue queue, ListenerConfig config) {
    return directModel(store, queue, config, new CompositeMeterRegistry());
  }

  /** Every direct-model method, wired to the store and the work order queue. */
  public static MethodRegistry directModel(
      TcsStore store, WorkOrderQueue queue, ListenerConfig config, MeterRegistry meters) {
    List<RpcMethod> all =
        List.of(
            new WorkerLookUp(store),
            new WorkerLookUpNext(store),
            new WorkerRetrieve(store),
            new WorkerRegister(store),
            new WorkerUpdate(store),
            new WorkerSetStatus(store),
            new EncryptionKeyGet(store),
            new EncryptionKeySet(),
            new WorkOrderSubmit(
                store, queue, config.syncMode(), config.syncWaitCap(),
                config.security().maxItems(), config.security().maxItemChars(),
                new EnvelopeAdmission(config.security().refuseLegacyEnvelope(), meters),
                config.security().notifyHosts()),
            new WorkOrderGetResult(store),
            new WorkOrderReceiptCreate(store, queue),
            new WorkOrderReceiptUpdate(store),
            new WorkOrderReceiptRetrieve(store),
            new WorkOrderReceiptUpdateRetrieve(store),
            new WorkOrderReceiptLookUp(store),
            new WorkOrderReceiptLookUpNext(store),
            new RpcDiscover());
    return new MethodRegistry(all, config.operatorMethodsEnabled());
  }

  /** The names of every method this registry serves, whatever the permissions. */
  public Set<String> names() {
    return methods.keySet();
  }

  /** Whether every method here needs an operator's (or pool peer's) signature, so no call is open. */
  public boolean signedCallsOnly() {
    return operatorMethodsEnabled
        && !methods.isEmpty()
        && methods.values().stream().allMatch(method -> method.permission() == Permission.OPERATOR);
  }

  public Optional<RpcMethod> find(String name) {
    return Optional.ofNullable(methods.get(name));
  }

  /** Why this listener refuses the method, or empty if it may be called. */
  public Optional<JsonRpcError> denial(RpcMethod method) {
    if (method.permission() == Permission.OPERATOR && !operatorMethodsEnabled) {
      return Optional.of(
          new JsonRpcError(
              ErrorCode.ACCESS_DENIED.code(),
              method.name() + " is an operator method; operator methods are disabled on this listener",
              null));
    }
    return Optional.empty();
  }
}
