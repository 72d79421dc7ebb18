package io.camelot.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.pool.PeerSecurity;
import io.camelot.pool.PeerUnavailableException;
import io.camelot.pool.PoolApi;
import io.camelot.pool.RpcCallException;
import io.camelot.pool.RpcClient;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Lists a pool's internal WP directory, as its Worker Manager keeps it. */
@Command(
        name = "wps",
        mixinStandardHelpOptions = true,
        description = "List the Workorder Processors registered with a pool's Worker Manager: slots, busy, state"
                + " (a call only the manager's key may sign: --signing-key <data-dir>/pool/keys/manager-key.pem).")
final class WpsCommand implements Callable<Integer> {

    @Option(names = "--manager", required = true, description = "Worker Manager URL (printed by serve --pool)")
    String manager;

    @Mixin
    PeerOptions peer;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (PeerSecurity security = peer.security(Clock.systemUTC())) {
            JsonNode processors = new RpcClient(manager, Duration.ofSeconds(10), security)
                    .call(PoolApi.LIST_WORKORDER_PROCESSORS, Map.of())
                    .path("processors");
            out.printf("%-32s  %-9s  %5s  %4s  %s%n", "WP URL", "STATE", "SLOTS", "BUSY", "DEDICATED REQUESTER");
            for (JsonNode wp : processors) {
                out.printf(
                        "%-32s  %-9s  %5d  %4d  %s%n",
                        wp.path("url").asText(),
                        wp.path("state").asText(),
                        wp.path("slots").asInt(),
                        wp.path("busy").asInt(),
                        wp.path("dedicatedRequester").asText());
            }
            out.println(processors.size() + " WP(s)");
            out.flush();
            return 0;
        } catch (PeerUnavailableException | RpcCallException e) {
            spec.commandLine().getErr().println("camelot wps: " + e.getMessage());
            return 1;
        }
    }
}
