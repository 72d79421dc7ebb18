package io.camelot.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.protocol.EeaException;
import io.camelot.protocol.ErrorCode;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.WorkOrderStatus;
import io.camelot.protocol.jsonrpc.JsonRpcError;
import io.camelot.protocol.model.EncryptionKeyGetParams;
import io.camelot.protocol.model.EncryptionKeyResult;
import io.camelot.protocol.model.LookUpResult;
import io.camelot.protocol.model.ReceiptCreateParams;
import io.camelot.protocol.model.ReceiptLookUpParams;
import io.camelot.protocol.model.ReceiptRetrieveResult;
import io.camelot.protocol.model.ReceiptUpdateParams;
import io.camelot.protocol.model.ReceiptUpdateRetrieveParams;
import io.camelot.protocol.model.ReceiptUpdateRetrieveResult;
import io.camelot.protocol.model.WorkOrderIdParams;
import io.camelot.protocol.model.WorkOrderResult;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.protocol.model.WorkerIdParams;
import io.camelot.protocol.model.WorkerLookUpParams;
import io.camelot.protocol.model.WorkerRecord;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The direct model: JSON-RPC 2.0 over HTTP POST to a TCS listener, as Avalon's SDK speaks it. Each
 * call blocks the calling thread (never call it on a Vert.x event loop) for at most the call
 * timeout. Thread-safe.
 */
public final class DirectTcsClient implements TcsClient {
    private static final Logger LOG = LoggerFactory.getLogger(DirectTcsClient.class);
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(10);

    private final Vertx vertx;
    private final boolean ownsVertx;
    private final HttpClientAgent http;
    private final JsonRpcHttp rpc;

    private DirectTcsClient(Builder builder) {
        this.ownsVertx = builder.vertx == null;
        this.vertx = ownsVertx ? Vertx.vertx() : builder.vertx;
        this.http = vertx.createHttpClient(builder.httpOptions);
        this.rpc = new JsonRpcHttp(http, builder.url, builder.callTimeout, builder.wireLog);
    }

    /** A client for the listener at {@code url} with its own Vert.x and the default timeout. */
    public static DirectTcsClient create(String url) {
        return builder(url).build();
    }

    public static Builder builder(String url) {
        return new Builder(url);
    }

    @Override
    public LookUpResult workerLookUp(WorkerLookUpParams filter) {
        return result("WorkerLookUp", filter, LookUpResult.class);
    }

    @Override
    public LookUpResult workerLookUpNext(WorkerLookUpParams filterWithTag) {
        return result("WorkerLookUpNext", filterWithTag, LookUpResult.class);
    }

    @Override
    public WorkerRecord workerRetrieve(String workerId) {
        return result("WorkerRetrieve", new WorkerIdParams(workerId), WorkerRecord.class);
    }

    @Override
    public SubmitReply workOrderSubmit(WorkOrderSubmitParams params) {
        return workOrderReply("WorkOrderSubmit", params);
    }

    @Override
    public SubmitReply workOrderGetResult(String workOrderId) {
        return workOrderReply("WorkOrderGetResult", new WorkOrderIdParams(workOrderId));
    }

    @Override
    public void receiptCreate(ReceiptCreateParams params) {
        acknowledged("WorkOrderReceiptCreate", params);
    }

    @Override
    public void receiptUpdate(ReceiptUpdateParams params) {
        acknowledged("WorkOrderReceiptUpdate", params);
    }

    @Override
    public ReceiptRetrieveResult receiptRetrieve(String workOrderId) {
        return result("WorkOrderReceiptRetrieve", new WorkOrderIdParams(workOrderId), ReceiptRetrieveResult.class);
    }

    @Override
    public ReceiptUpdateRetrieveResult receiptUpdateRetrieve(ReceiptUpdateRetrieveParams params) {
        return result("WorkOrderReceiptUpdateRetrieve", params, ReceiptUpdateRetrieveResult.class);
    }

    @Override
    public LookUpResult receiptLookUp(ReceiptLookUpParams filter) {
        return result("WorkOrderReceiptLookUp", filter, LookUpResult.class);
    }

    @Override
    public LookUpResult receiptLookUpNext(ReceiptLookUpParams filterWithTag) {
        return result("WorkOrderReceiptLookUpNext", filterWithTag, LookUpResult.class);
    }

    @Override
    public EncryptionKeyResult encryptionKeyGet(String workerId) {
        return result(
                "EncryptionKeyGet",
                new EncryptionKeyGetParams(workerId, null, null, null, null, null),
                EncryptionKeyResult.class);
    }

    @Override
    public void close() {
        long millis = DEFAULT_CALL_TIMEOUT.toMillis();
        try {
            http.close().toCompletionStage().toCompletableFuture().get(millis, TimeUnit.MILLISECONDS);
            if (ownsVertx) {
                vertx.close().toCompletionStage().toCompletableFuture().get(millis, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("Closing the client for {} failed", rpc.url(), e);
        }
    }

    /** Pending arrives as error code 5; a finished work order as a result. */
    private SubmitReply workOrderReply(String method, Object params) {
        RpcReply reply = rpc.call(method, params);
        if (reply.isError()) {
            if (reply.error().code() == WorkOrderStatus.PENDING.code()) {
                return new SubmitReply.Pending(reply.error().message());
            }
            throw failure(method, reply.error());
        }
        return new SubmitReply.Completed(bind(method, reply.result(), WorkOrderResult.class));
    }

    /** Receipt success arrives as error code 0; a plain result is accepted too. */
    private void acknowledged(String method, Object params) {
        RpcReply reply = rpc.call(method, params);
        if (reply.isError() && reply.error().code() != ErrorCode.SUCCESS.code()) {
            throw failure(method, reply.error());
        }
    }

    private <T> T result(String method, Object params, Class<T> type) {
        RpcReply reply = rpc.call(method, params);
        if (reply.isError()) {
            throw failure(method, reply.error());
        }
        return bind(method, reply.result(), type);
    }

    private <T> T bind(String method, JsonNode result, Class<T> type) {
        try {
            return ProtocolJson.bind(result, type);
        } catch (EeaException e) {
            throw new TcsTransportException(
                    method
                            + " to "
                            + rpc.url()
                            + " answered a result that is not a "
                            + type.getSimpleName()
                            + ": "
                            + e.getMessage(),
                    e);
        }
    }

    private TcsRpcException failure(String method, JsonRpcError error) {
        return new TcsRpcException(method, rpc.url(), error.code(), error.message(), error.data());
    }

    /** Configures a {@link DirectTcsClient}. */
    public static final class Builder {
        private final String url;
        private Vertx vertx;
        private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
        private HttpClientOptions httpOptions = new HttpClientOptions();
        private WireLog wireLog;

        private Builder(String url) {
            this.url = Objects.requireNonNull(url, "url");
        }

        /** Shares an existing Vert.x; the client then leaves it open on close. */
        public Builder vertx(Vertx shared) {
            this.vertx = Objects.requireNonNull(shared, "vertx");
            return this;
        }

        /** How long one call may take, connecting included (default 10 s, as Avalon's client). */
        public Builder callTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("call timeout must be positive: " + timeout);
            }
            this.callTimeout = timeout;
            return this;
        }

        /**
         * HTTP client options, e.g. TLS for an {@code https://} listener (camelot-security's {@code
         * ClientTls.applyTo} fills them in).
         */
        public Builder httpOptions(HttpClientOptions options) {
            this.httpOptions = new HttpClientOptions(Objects.requireNonNull(options, "options"));
            return this;
        }

        /** Shows every request and response body, exactly as on the wire, to {@code log}. */
        public Builder wireLog(WireLog log) {
            this.wireLog = Objects.requireNonNull(log, "wireLog");
            return this;
        }

        public DirectTcsClient build() {
            return new DirectTcsClient(this);
        }
    }
}
