package io.camelot.listener;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.ErrorCode;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.WorkOrderStatus;
import io.camelot.protocol.jsonrpc.JsonRpcError;
import io.camelot.protocol.jsonrpc.JsonRpcRequest;
import io.camelot.protocol.jsonrpc.JsonRpcResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.camelot.security.RateLimiter;
import io.camelot.security.RequestAuthenticator;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one HTTP body into one JSON-RPC response body: parses and checks the envelope, finds the
 * method, invokes it and renders its outcome. Nothing thrown inside reaches the transport.
 */
public final class JsonRpcDispatcher {
  private static final Logger log = LoggerFactory.getLogger(JsonRpcDispatcher.class);

  static final String METHOD_NOT_SUPPORTED =
      "Invalid data format for method or method not supported";

  static final String RATE_LIMITED = "Too many requests; retry later";

  // Refusals are logged at WARN at most once a second (the rest at DEBUG, counted), so strangers cannot flood the log.
  private static final long REFUSAL_WARNING_INTERVAL_NANOS = 1_000_000_000L;

  private final MethodRegistry registry;
  private final RpcMetrics metrics;
  private final RequestAuthenticator operatorAuth;
  private final RateLimiter perAddress;
  private final RateLimiter perRequester;
  private final AtomicLong nextRefusalWarning = new AtomicLong(System.nanoTime());
  private final AtomicLong unloggedRefusals = new AtomicLong();

  public JsonRpcDispatcher(MethodRegistry registry) {
    this(registry, ListenerSecurity.defaults(), new CompositeMeterRegistry());
  }

  /** @param meters where call counts and the listener stage go (an empty composite: no-ops) */
  public JsonRpcDispatcher(MethodRegistry registry, MeterRegistry meters) {
    this(registry, ListenerSecurity.defaults(), meters);
  }

  public JsonRpcDispatcher(MethodRegistry registry, ListenerSecurity security) {
    this(registry, security, new CompositeMeterRegistry());
  }

  public JsonRpcDispatcher(MethodRegistry registry, ListenerSecurity security, MeterRegistry meters) {
    this.registry = registry;
    this.metrics = new RpcMetrics(meters, registry.names());
    this.operatorAuth = security.operatorAuth();
    this.perAddress = new RateLimiter(security.perAddress());
    this.perRequester = new RateLimiter(security.perRequester());
  }

  /**
   * On a listener whose every method needs a signature (the pool-internal servers), the answer
   * refusing a caller whose header fails the checks that need no body (form, key, time, audience): the
   * transport sends it without reading, let alone parsing, the body. Empty: read the body and
   * {@link #handle} it, which checks the signature.
   */
  public Optional<byte[]> refusalBeforeBody(Caller caller) {
    if (operatorAuth == null || !registry.signedCallsOnly()) {
      return Optional.empty();
    }
    return operatorAuth.refusalBeforeBody(caller.authorization()).map(refused -> {
      logRefusal("Request", caller, refused.reason());
      return render(null, RpcOutcome.error(ErrorCode.ACCESS_DENIED.code(), "Request refused: " + refused.reason()));
    });
  }

  /** {@link #handle(byte[], Caller)} for an in-process caller. */
  public byte[] handle(byte[] body) {
    return handle(body, Caller.LOCAL);
  }

  public byte[] handle(byte[] body, Caller caller) {
    long start = System.nanoTime();
    JsonNode id = null;
    String method = null;
    RpcOutcome outcome;
    try {
      JsonNode request = ProtocolJson.parse(body);
      if (!request.isObject()) {
        throw EeaException.invalidParameter("Invalid data format for request: expected a JSON object");
      }
      JsonNode idNode = request.get("id");
      if (idNode == null || !(idNode.isIntegralNumber() || idNode.isTextual())) {
        throw EeaException.invalidParameter("Invalid data format for id");
      }
      id = idNode;
      if (!JsonRpcRequest.VERSION.equals(request.path("jsonrpc").textValue())) {
        throw EeaException.invalidParameter("Invalid data format for jsonrpc");
      }
      JsonNode methodNode = request.get("method");
      if (methodNode == null || !methodNode.isTextual()) {
        throw EeaException.invalidParameter("Invalid data format for method");
      }
      method = methodNode.textValue();
      JsonNode params = request.get("params");
      if (params == null && registry.find(method).filter(RpcMethod::paramsOptional).isPresent()) {
        params = ProtocolJson.mapper().createObjectNode();
      }
      if (params == null || !params.isObject()) {
        throw EeaException.invalidParameter("Invalid data format for params");
      }
      Optional<RpcOutcome> limited = rateLimit(caller, params);
      outcome = limited.isPresent() ? limited.get() : invoke(method, new RpcCall(params, body), caller);
    } catch (EeaException e) {
      outcome = new RpcOutcome.Error(JsonRpcError.of(e));
    } catch (RuntimeException e) {
      log.error("{} failed unexpectedly", method == null ? "Request" : method, e);
      outcome = RpcOutcome.error(ErrorCode.INTERNAL_ERROR.code(), "Internal error");
    }
    byte[] answer = render(id, outcome);
    String code =
        outcome instanceof RpcOutcome.Error error ? Integer.toString(error.error().code()) : RpcMetrics.RESULT;
    metrics.record(method, code, System.nanoTime() - start);
    return answer;
  }

  private RpcOutcome invoke(String name, RpcCall call, Caller caller) {
    Optional<RpcMethod> method = registry.find(name);
    if (method.isEmpty()) {
      return RpcOutcome.error(ErrorCode.INVALID_PARAMETER.code(), METHOD_NOT_SUPPORTED);
    }
    Optional<JsonRpcError> denial = registry.denial(method.get());
    if (denial.isPresent()) {
      return new RpcOutcome.Error(denial.get());
    }
    if (method.get().permission() == Permission.OPERATOR) {
      switch (operatorCheck(caller, call.rawRequest())) {
        case RequestAuthenticator.Result.Refused refused -> {
          logRefusal(name, caller, refused.reason());
          return RpcOutcome.error(ErrorCode.ACCESS_DENIED.code(), name + " refused: " + refused.reason());
        }
        // The method learns which key signed, for checks of its own (which pool member may register a WP).
        case RequestAuthenticator.Result.Authenticated signed ->
            call = new RpcCall(call.params(), call.rawRequest(), signed.keyId());
      }
    }
    return method.get().invoke(call);
  }

  private void logRefusal(String name, Caller caller, String reason) {
    long now = System.nanoTime();
    long next = nextRefusalWarning.get();
    if (now - next >= 0 && nextRefusalWarning.compareAndSet(next, now + REFUSAL_WARNING_INTERVAL_NANOS)) {
      long unlogged = unloggedRefusals.getAndSet(0);
      log.warn("{} from {} refused: {}{}", name, caller.address(), reason,
          unlogged == 0 ? "" : " (and " + unlogged + " more refusals since the last warning)");
    } else {
      unloggedRefusals.incrementAndGet();
      log.debug("{} from {} refused: {}", name, caller.address(), reason);
    }
  }

  /**
   * Operator calls carry a signed request when operator keys are configured; without keys, only
   * callers on this host are trusted (development), and they are authenticated under no key id.
   */
  private RequestAuthenticator.Result operatorCheck(Caller caller, byte[] body) {
    if (operatorAuth == null) {
      return caller.loopback()
          ? new RequestAuthenticator.Result.Authenticated(null)
          : new RequestAuthenticator.Result.Refused(
              "no operator keys are configured, so operator methods answer local callers only");
    }
    return operatorAuth.verify(caller.authorization(), body);
  }

  /**
   * One token per call from the caller's address and, if the call names a requester, one from
   * that requester's bucket: a requester cannot escape its limit by changing address, nor an
   * address by inventing requester ids. Refused with code 8 (BUSY), which clients retry.
   */
  private Optional<RpcOutcome> rateLimit(Caller caller, JsonNode params) {
    if (!perAddress.tryAcquire(caller.address())) {
      return Optional.of(RpcOutcome.error(WorkOrderStatus.BUSY.code(), RATE_LIMITED));
    }
    JsonNode requesterId = params.get("requesterId");
    if (requesterId != null && requesterId.isTextual() && !perRequester.tryAcquire(requesterId.textValue())) {
      return Optional.of(RpcOutcome.error(WorkOrderStatus.BUSY.code(), RATE_LIMITED));
    }
    return Optional.empty();
  }

  private static byte[] render(JsonNode id, RpcOutcome outcome) {
    JsonRpcResponse response =
        switch (outcome) {
          case RpcOutcome.Result result ->
              JsonRpcResponse.result(id, ProtocolJson.toTree(result.value()));
          case RpcOutcome.Error error -> JsonRpcResponse.error(id, error.error());
        };
    return ProtocolJson.toBytes(response);
  }

  /** The response to a request that is not a JSON-RPC call at all (wrong HTTP method, oversize). */
  static byte[] transportError(String message) {
    return render(null, RpcOutcome.error(ErrorCode.INVALID_PARAMETER.code(), message));
  }
}
