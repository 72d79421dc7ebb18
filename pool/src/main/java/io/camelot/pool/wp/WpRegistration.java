package io.camelot.pool.wp;

import io.camelot.pool.PeerUnavailableException;
import io.camelot.pool.PoolApi;
import io.camelot.pool.RpcClient;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A WP's entry in its Worker Manager's WP directory: registered once the WP serves, deregistered
 * when it stops. Deregistering drains: the Worker Manager sends no more work and answers "drained"
 * once the WP's in-flight work orders have finished, so closing the WP's server afterwards loses
 * none.
 */
public final class WpRegistration implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WpRegistration.class);

    private final RpcClient manager;
    private final String url;

    private WpRegistration(RpcClient manager, String url) {
        this.manager = manager;
        this.url = url;
    }

    /**
     * Offers this WP's slots to the pool.
     *
     * @param url where the Worker Manager reaches this WP
     * @param measurement this WP's code measurement (hex), shown in the WP directory
     */
    public static WpRegistration register(
            RpcClient manager, String url, int slots, String dedicatedRequester, String measurement) {
        manager.call(
                PoolApi.REGISTER_WORKORDER_PROCESSOR,
                Map.of(
                        "url",
                        url,
                        "slots",
                        slots,
                        "dedicatedRequester",
                        dedicatedRequester,
                        "measurement",
                        measurement));
        log.info("Registered with the Worker Manager {} as {}", manager.url(), url);
        return new WpRegistration(manager, url);
    }

    /** Deregisters and returns once the in-flight work orders are done (or the manager is gone). */
    @Override
    public void close() {
        try {
            while (!manager.call(PoolApi.DEREGISTER_WORKORDER_PROCESSOR, Map.of("url", url))
                    .path("drained")
                    .asBoolean()) {
                log.info("Draining: work orders still running on {}", url);
            }
            log.info("Deregistered from the Worker Manager {}", manager.url());
        } catch (PeerUnavailableException e) {
            // Without a manager no work order reaches this WP any more: nothing to drain.
            log.warn("The Worker Manager is gone; stopping without deregistering: {}", e.getMessage());
        }
    }
}
