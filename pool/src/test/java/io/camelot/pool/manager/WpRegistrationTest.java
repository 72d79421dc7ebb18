package io.camelot.pool.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.camelot.pool.InternalServer;
import io.camelot.pool.PeerSecurity;
import io.camelot.pool.PoolApi;
import io.camelot.pool.PoolMethod;
import io.camelot.pool.RoleAssertions;
import io.camelot.pool.RpcCallException;
import io.camelot.pool.RpcClient;
import io.camelot.pool.manager.PoolDispatcher.ProcessorState;
import io.camelot.pool.manager.PoolDispatcher.State;
import io.camelot.pool.wp.WpRegistration;
import io.camelot.protocol.ErrorCode;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.hash.Sha256;
import io.camelot.protocol.jsonrpc.JsonRpcError;
import io.camelot.protocol.model.WorkOrderResponse;
import io.camelot.scheduler.QueuedWorkOrder;
import io.camelot.store.LmdbTcsStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WP registration with the Worker Manager: a registered WP gets work orders from the dispatcher and
 * shows busy while it runs one; deregistering stops new work at once and answers only once the
 * in-flight work order has finished, after which the WP is gone from the directory.
 */
class WpRegistrationTest {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    LmdbTcsStore store;
    PoolDispatcher dispatcher;
    WorkerManager manager;
    RpcClient managerClient;
    final CountDownLatch release = new CountDownLatch(1);
    InternalServer wp;
    PeerSecurity security;
    PeerSecurity wpSecurity;
    PoolIdentities identities;

    @BeforeEach
    void start() {
        // The manager's identity serves the WPs too; registration is signed with a WP member's key.
        identities = PoolIdentities.generate(dir.resolve("keys"), List.of(), List.of("wp-0"));
        security = identities.managerSecurity(Clock.systemUTC());
        store = LmdbTcsStore.open(dir.resolve("store"));
        dispatcher = new PoolDispatcher(store, Clock.systemUTC(), TIMEOUT, security);
        manager = new WorkerManager(TIMEOUT, security, info -> {}, dispatcher, "", WpHosts.loopback());
        String managerUrl = manager.start("127.0.0.1", 0);
        wpSecurity = PeerSecurity.fromFiles(
                identities.keyFile("wp-0"), identities.peersFile(), null, null, Clock.systemUTC());
        managerClient = new RpcClient(managerUrl, TIMEOUT, wpSecurity);
        wp = InternalServer.start("127.0.0.1", 0, List.of(blockingProcessWorkOrder(release)), security);
    }

    @AfterEach
    void stop() {
        release.countDown();
        wp.close();
        manager.close();
        dispatcher.close();
        store.close();
        wpSecurity.close();
        security.close();
    }

    @Test
    void aRegisteredWpTakesWorkAndDeregisteringDrainsItsInFlightWorkOrder() throws Exception {
        WpRegistration registration = WpRegistration.register(managerClient, wp.url(), 1, "", "ab".repeat(32));
        assertThat(manager.processors())
                .containsExactly(new ProcessorState(wp.url(), 1, 0, "", "ab".repeat(32), State.AVAILABLE));

        store.submit("wo-1", "pool", Sha256.digest("wo-1"), request("wo-1"), 0);
        CompletableFuture<byte[]> outcome = CompletableFuture.supplyAsync(
                () -> dispatcher.process(new QueuedWorkOrder("wo-1", "pool", null, request("wo-1"))));
        await().atMost(TIMEOUT).until(() -> manager.processors().getFirst().state() == State.BUSY);
        assertThat(dispatcher.busySlots()).isEqualTo(1);

        CompletableFuture<Void> deregistered = CompletableFuture.runAsync(registration::close);
        await().atMost(TIMEOUT).until(() -> manager.processors().getFirst().state() == State.DRAINING);
        assertThat(deregistered).isNotDone();
        assertThat(outcome).isNotDone();

        release.countDown();
        deregistered.get();
        assertThat(manager.processors()).isEmpty();
        WorkOrderResponse response = ProtocolJson.bind(outcome.get(), WorkOrderResponse.class);
        assertThat(response.error().message()).isEqualTo("processed by the test WP");
    }

    @Test
    void aDrainedWpGetsNoMoreWorkAndAnotherRegisteredOneDoes() throws Exception {
        release.countDown();
        WpRegistration.register(managerClient, wp.url(), 2, "", "").close();
        assertThat(manager.processors()).isEmpty();

        InternalServer other =
                InternalServer.start("127.0.0.1", 0, List.of(blockingProcessWorkOrder(release)), security);
        try (WpRegistration registration = WpRegistration.register(managerClient, other.url(), 1, "", "")) {
            store.submit("wo-2", "pool", Sha256.digest("wo-2"), request("wo-2"), 0);
            byte[] outcome = dispatcher.process(new QueuedWorkOrder("wo-2", "pool", null, request("wo-2")));
            assertThat(new String(outcome, StandardCharsets.UTF_8)).contains("processed by the test WP");
            assertThat(manager.processors()).extracting(ProcessorState::url).containsExactly(other.url());
        } finally {
            other.close();
        }
    }

    @Test
    void registrationNeedsAUrlAndSlots() {
        assertThatThrownBy(() -> WpRegistration.register(managerClient, wp.url(), 0, "", ""))
                .isInstanceOfSatisfying(
                        RpcCallException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMS.code()));
        assertThatThrownBy(() -> managerClient.call(PoolApi.REGISTER_WORKORDER_PROCESSOR, Map.of("slots", 1)))
                .isInstanceOf(RpcCallException.class);
        assertThat(manager.processors()).isEmpty();
    }

    @Test
    void onlyAWpMembersKeyMayRegisterOrDeregisterAWp() {
        // A pool member that is no WP (here the manager's own key, listed in the peer file).
        RpcClient notAWp = new RpcClient(manager.url(), TIMEOUT, security);
        assertThatThrownBy(() -> WpRegistration.register(notAWp, wp.url(), 1, "", ""))
                .isInstanceOfSatisfying(RpcCallException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED.code());
                    assertThat(e.peerMessage())
                            .isEqualTo("RegisterWorkorderProcessor refused: the pool role 'manager' may not call it");
                });
        assertThat(manager.processors()).isEmpty();

        WpRegistration.register(managerClient, wp.url(), 1, "", "");
        assertThatThrownBy(() -> notAWp.call(PoolApi.DEREGISTER_WORKORDER_PROCESSOR, Map.of("url", wp.url())))
                .isInstanceOfSatisfying(
                        RpcCallException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED.code()));
        assertThat(manager.processors()).extracting(ProcessorState::state).containsExactly(State.AVAILABLE);
    }

    @Test
    void aWpMayNotRotateTheKeysTakeThemOrListTheWpsThroughTheManager() {
        RoleAssertions.assertRefused(
                managerClient,
                "wp",
                PoolApi.GENERATE_NEW_ENCRYPTION_KEY,
                PoolApi.GET_WORKER_PRIVATE_KEYS,
                PoolApi.LIST_WORKORDER_PROCESSORS,
                PoolApi.WORKER_INFO);
    }

    @Test
    void aWpMayRegisterOnlyAtAnAllowedHost() {
        // The Worker Manager would send signed calls to whatever a member registers (review M6).
        for (String url :
                List.of("http://10.0.0.7:8080", "http://169.254.169.254:80", "http://camelot-listener:1947")) {
            assertThatThrownBy(() -> WpRegistration.register(managerClient, url, 1, "", ""))
                    .isInstanceOfSatisfying(RpcCallException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED.code());
                        assertThat(e.peerMessage()).contains("is not allowed for WPs ([pool] wp_hosts)");
                    });
        }
        assertThat(manager.processors()).isEmpty();
    }

    private static byte[] request(String id) {
        return ("{\"jsonrpc\":\"2.0\",\"method\":\"WorkOrderSubmit\",\"id\":1,\"params\":{\"workOrderId\":\""
                        + id
                        + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A WP's ProcessWorkOrder that answers once the test releases it. */
    private static PoolMethod blockingProcessWorkOrder(CountDownLatch release) {
        return PoolMethod.answering(PoolApi.PROCESS_WORK_ORDER, params -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // Names the work order it was given: the dispatcher stores no answer to another one.
            String id = params.path("request").path("workOrderId").asText();
            WorkOrderResponse response = WorkOrderResponse.of(new JsonRpcError(
                    5,
                    "processed by the test WP",
                    JsonNodeFactory.instance.objectNode().put("workOrderId", id)));
            return Map.of("response", response);
        });
    }
}
