package io.camelot.listener;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.jsonrpc.AuthenticatingProcessor;
import io.camelot.jsonrpc.InvokingProcessor;
import io.camelot.jsonrpc.JsonRpcDispatcher;
import io.camelot.jsonrpc.MeteredProcessor;
import io.camelot.jsonrpc.MethodRegistry;
import io.camelot.jsonrpc.Permission;
import io.camelot.jsonrpc.RateLimitingProcessor;
import io.camelot.jsonrpc.RpcMethod;
import io.camelot.jsonrpc.RpcProcessor;
import io.camelot.jsonrpc.RpcServer;
import io.camelot.listener.methods.ReceiptMethods;
import io.camelot.listener.methods.RpcDiscover;
import io.camelot.listener.methods.WorkOrderGetResult;
import io.camelot.listener.methods.WorkOrderReceiptCreate;
import io.camelot.listener.methods.WorkOrderReceiptUpdate;
import io.camelot.listener.methods.WorkOrderSubmit;
import io.camelot.listener.methods.WorkerMethods;
import io.camelot.scheduler.WorkOrderQueue;
import io.camelot.scheduler.WorkOrderStages;
import io.camelot.security.RequestAuthenticator;
import io.camelot.store.TcsStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The direct-model listener: its methods, and its policy around them. Calls are counted (and
 * WorkOrderSubmit timed as the listener stage), limited per remote address and per {@code
 * requesterId}, and operator methods need an operator (or, without operator keys, a caller on this
 * host) and the listener's permission to serve them.
 */
public final class DirectModel {
    /** The Worker Directory writes: WorkerRegister, WorkerUpdate, WorkerSetStatus, WorkerRotateKey. */
    public static final Permission OPERATOR = new Permission("operator");

    private DirectModel() {}

    /**
     * The direct-model listener on its own HTTP server; {@link RpcServer#start()} binds it.
     *
     * @param rotation rotates the keys of the workers this process runs (WorkerRotateKey)
     */
    public static RpcServer server(
            Vertx vertx,
            ListenerConfig config,
            TcsStore store,
            WorkOrderQueue queue,
            WorkerKeyRotation rotation,
            MeterRegistry meters) {
        RpcServer.Settings settings = new RpcServer.Settings(
                "direct-model JSON-RPC",
                config.host(),
                config.port(),
                config.maxBodyBytes(),
                config.security().tls(),
                null,
                config.security().trustedProxies());
        return new RpcServer(vertx, settings, dispatcher(store, queue, rotation, config, meters));
    }

    /** The listener's dispatcher in a process that runs no worker, with unpublished meters. */
    public static JsonRpcDispatcher dispatcher(TcsStore store, WorkOrderQueue queue, ListenerConfig config) {
        return dispatcher(store, queue, WorkerKeyRotation.NONE, config, new CompositeMeterRegistry());
    }

    public static JsonRpcDispatcher dispatcher(
            TcsStore store,
            WorkOrderQueue queue,
            WorkerKeyRotation rotation,
            ListenerConfig config,
            MeterRegistry meters) {
        MethodRegistry methods = methods(store, queue, rotation, config, meters);
        return new JsonRpcDispatcher(methods, policy(methods, config, meters));
    }

    /** Every direct-model method, wired to the store and the work order queue. */
    public static MethodRegistry methods(
            TcsStore store,
            WorkOrderQueue queue,
            WorkerKeyRotation rotation,
            ListenerConfig config,
            MeterRegistry meters) {
        ListenerSecurity security = config.security();
        List<RpcMethod<?>> all = List.of(
                WorkerMethods.lookUp(store),
                WorkerMethods.lookUpNext(store),
                WorkerMethods.retrieve(store),
                WorkerMethods.register(store),
                WorkerMethods.update(store),
                WorkerMethods.setStatus(store),
                WorkerMethods.rotateKey(store, rotation),
                WorkerMethods.encryptionKeyGet(store),
                WorkerMethods.encryptionKeySet(),
                new WorkOrderSubmit(
                        store,
                        queue,
                        config.syncMode(),
                        config.syncWaitCap(),
                        security.maxItems(),
                        security.maxItemChars(),
                        new EnvelopeAdmission(security.refuseLegacyEnvelope(), meters),
                        security.notifyHosts(),
                        security.outstandingBytes()),
                new WorkOrderGetResult(store),
                new WorkOrderReceiptCreate(store, queue),
                new WorkOrderReceiptUpdate(store),
                ReceiptMethods.retrieve(store),
                ReceiptMethods.updateRetrieve(store),
                ReceiptMethods.lookUp(store),
                ReceiptMethods.lookUpNext(store),
                new RpcDiscover());
        return new MethodRegistry(all);
    }

    /**
     * Outermost first: metrics, the per-address then the per-requester limit (a requester cannot
     * escape its limit by changing address, nor an address by inventing requester ids), then the
     * operator gate, then the method.
     */
    public static RpcProcessor policy(MethodRegistry methods, ListenerConfig config, MeterRegistry meters) {
        ListenerSecurity security = config.security();
        RpcProcessor operatorGate = config.operatorMethodsEnabled()
                ? new AuthenticatingProcessor(
                        new InvokingProcessor(), DirectModel::operatorOnly, operatorCheck(security))
                : new OperatorMethodsDisabled(new InvokingProcessor());
        RpcProcessor perRequester = new RateLimitingProcessor(
                operatorGate,
                security.perRequester(),
                request -> Optional.ofNullable(request.params().get("requesterId"))
                        .filter(JsonNode::isTextual)
                        .map(JsonNode::textValue));
        return new MeteredProcessor(
                RateLimitingProcessor.perAddress(perRequester, security.perAddress()),
                meters,
                methods.names(),
                Map.of(
                        DirectModelMethod.WORK_ORDER_SUBMIT.methodName(),
                        WorkOrderStages.timer(meters, WorkOrderStages.LISTENER)));
    }

    static boolean operatorOnly(RpcMethod<?> method) {
        return OPERATOR.equals(method.permission());
    }

    /**
     * Operator calls carry a signed request when operator keys are configured; without keys, only
     * callers on this host are trusted (development), and they are authenticated under no key id.
     */
    private static AuthenticatingProcessor.Authenticator operatorCheck(ListenerSecurity security) {
        RequestAuthenticator keys = security.operatorAuth();
        if (keys != null) {
            return (caller, body) -> keys.verify(caller.authorization(), body);
        }
        return (caller, body) -> caller.loopback()
                ? new RequestAuthenticator.Result.Authenticated(null)
                : new RequestAuthenticator.Result.Refused(
                        "no operator keys are configured, so operator methods answer local callers only");
    }
}
