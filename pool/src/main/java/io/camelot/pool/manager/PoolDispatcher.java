package io.camelot.pool.manager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.camelot.pool.PeerSecurity;
import io.camelot.pool.PeerUnavailableException;
import io.camelot.pool.PoolApi;
import io.camelot.pool.RpcCallException;
import io.camelot.pool.RpcClient;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.WorkOrderStatus;
import io.camelot.protocol.jsonrpc.JsonRpcError;
import io.camelot.protocol.model.WorkOrderResponse;
import io.camelot.protocol.trace.WorkOrderTrace;
import io.camelot.scheduler.QueuedWorkOrder;
import io.camelot.scheduler.WorkOrderProcessor;
import io.camelot.store.TcsStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool's execution adaptor: the queue hands it a pool work order, it sends the work order to
 * a free WP slot and stores the outcome the WP returns. Each WP offers a fixed number of slots;
 * a work order waits (blocking its queue thread, not polling) until one is free. A WP that cannot
 * be reached or that its WKM refuses loses its slots and the work order goes to another WP. Work
 * orders of a requester with dedicated WPs go only to those.
 */
public final class PoolDispatcher implements WorkOrderProcessor, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PoolDispatcher.class);
  private static final int MAX_ATTEMPTS = 8;

  private final TcsStore store;
  private final Clock clock;
  private final Duration callTimeout;
  private final PeerSecurity security;
  private final BlockingQueue<Processor> shared = new LinkedBlockingQueue<>();
  private final Map<String, BlockingQueue<Processor>> dedicated = new ConcurrentHashMap<>();
  private final Map<String, Processor> byUrl = new ConcurrentHashMap<>();
  private final AtomicInteger busySlots = new AtomicInteger();
  private volatile boolean closed;

  public PoolDispatcher(TcsStore store, Clock clock, Duration callTimeout, PeerSecurity security) {
    this.store = store;
    this.clock = clock;
    this.callTimeout = callTimeout;
    this.security = security;
  }

  /** Offers a WP's slots; a WP dedicated to a requester takes only that requester's work orders. */
  public void add(String url, int slots, String dedicatedRequester) {
    Processor wp = new Processor(new RpcClient(url, callTimeout, security));
    byUrl.put(url, wp);
    BlockingQueue<Processor> queue =
        dedicatedRequester == null || dedicatedRequester.isEmpty()
            ? shared
            : dedicated.computeIfAbsent(dedicatedRequester, id -> new LinkedBlockingQueue<>());
    for (int i = 0; i < slots; i++) {
      queue.add(wp);
    }
  }

  /** Withdraws a WP (it exited); its slots are dropped as they come up. */
  public void remove(String url) {
    Processor wp = byUrl.remove(url);
    if (wp != null) {
      wp.gone = true;
    }
  }

  /** WPs offering slots now. */
  public int registeredWps() {
    return byUrl.size();
  }

  /** Slots waiting for a work order (a withdrawn WP's slots count until they come up). */
  public int freeSlots() {
    return shared.size() + dedicated.values().stream().mapToInt(BlockingQueue::size).sum();
  }

  /** Work orders running on a WP now. */
  public int busySlots() {
    return busySlots.get();
  }

  @Override
  public byte[] process(QueuedWorkOrder workOrder) {
    try (var span = WorkOrderTrace.open(workOrder.workOrderId(), "camelot.pool.dispatch")) {
      return processInSpan(workOrder);
    }
  }

  private byte[] processInSpan(QueuedWorkOrder workOrder) {
    String id = workOrder.workOrderId();
    JsonNode params = ProtocolJson.parse(workOrder.rawRequest()).path("params");
    BlockingQueue<Processor> slots = dedicated.getOrDefault(params.path("requesterId").asText(""), shared);
    String lastProblem = "no WP was available";
    int attempts = 0;
    while (attempts < MAX_ATTEMPTS) {
      Processor wp = take(slots);
      if (wp == null) {
        return null;
      }
      if (wp.gone) {
        continue;
      }
      attempts++;
      busySlots.incrementAndGet();
      try {
        JsonNode result = wp.client.call(PoolApi.PROCESS_WORK_ORDER, Map.of("request", params));
        slots.add(wp);
        return store(id, ProtocolJson.bind(result.path("response"), WorkOrderResponse.class));
      } catch (PeerUnavailableException e) {
        wp.gone = true;
        lastProblem = e.getMessage();
        log.warn("WP {} is unreachable; work order {} goes to another WP", wp.client.url(), id);
      } catch (RpcCallException e) {
        lastProblem = e.getMessage();
        if (e.code() == PoolApi.NOT_ADMITTED || e.code() == WorkOrderStatus.ACCESS_DENIED.code()) {
          // Not admitted by the WKM, or a pool member refused a signature on the way: no retry helps.
          wp.gone = true;
          log.error("WP {} was refused by the pool's key manager and takes no more work: {}",
              wp.client.url(), e.peerMessage());
        } else {
          slots.add(wp);
          log.warn("WP {} could not process work order {}: {}", wp.client.url(), id, e.getMessage());
        }
      } finally {
        busySlots.decrementAndGet();
      }
    }
    log.error("Work order {} failed on {} WPs: {}", id, MAX_ATTEMPTS, lastProblem);
    return store(id, WorkOrderResponse.of(new JsonRpcError(
        WorkOrderStatus.UNKNOWN_ERROR.code(), "the worker pool could not process the work order: " + lastProblem,
        JsonNodeFactory.instance.objectNode().put("workOrderId", id))));
  }

  private Processor take(BlockingQueue<Processor> slots) {
    try {
      while (!closed) {
        Processor wp = slots.poll(1, TimeUnit.SECONDS);
        if (wp != null) {
          return wp;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return null;
  }

  private byte[] store(String id, WorkOrderResponse response) {
    byte[] bytes = ProtocolJson.toBytes(response);
    // A pool signs no receipt updates: its signing key is in the WKMs, not here.
    boolean stored =
        store.complete(new TcsStore.Completion(id, bytes, clock.millis(), Map.of(), (raw, updates) -> null));
    return stored ? bytes : null;
  }

  @Override
  public void close() {
    closed = true;
  }

  private static final class Processor {
    final RpcClient client;
    volatile boolean gone;

    Processor(RpcClient client) {
      this.client = client;
    }
  }
}
