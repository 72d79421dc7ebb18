package io.camelot.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.camelot.pool.manager.PoolIdentities;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.jsonrpc.JsonRpcRequest;
import io.camelot.security.ClientTls;
import io.camelot.security.PemFiles;
import io.camelot.security.RequestSigner;
import io.camelot.security.SignedRequests;
import io.camelot.worker.WorkerConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Operator tooling: a signing key for operator methods, and signed calls with it
 * (docs/SECURITY.md).
 */
@Command(
        name = "operator",
        mixinStandardHelpOptions = true,
        description = "Operator keys and signed operator calls (WorkerRegister, WorkerUpdate, WorkerSetStatus,"
                + " WorkerRotateKey).",
        subcommands = {
            OperatorCommand.Keygen.class,
            OperatorCommand.Call.class,
            OperatorCommand.RotateKey.class,
            OperatorCommand.PoolKeys.class
        })
final class OperatorCommand implements Runnable {
    static final String PRIVATE_KEY_FILE = "operator-key.pem";
    static final String PUBLIC_KEY_FILE = "operator-pub.pem";

    /** deploy/k8s/pool's names, the default names of the pool members' certificates. */
    private static final String MANAGER_SERVICE = "camelot-pool-manager";

    private static final String WKM_SERVICE = "camelot-wkm";
    private static final String SERVICE_DOMAIN = ".camelot.svc";

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "keygen", mixinStandardHelpOptions = true, description = "Create a P-256 operator key pair.")
    static final class Keygen implements Callable<Integer> {
        @Option(
                names = "--out",
                description = "Directory for operator-key.pem (owner-only) and operator-pub.pem",
                required = true)
        Path out;

        @Override
        public Integer call() throws Exception {
            Files.createDirectories(out);
            KeyPair keys = RequestSigner.newKeyPair();
            PemFiles.writeSecret(out.resolve(PRIVATE_KEY_FILE), PemFiles.toPkcs8Pem(keys.getPrivate()));
            PemFiles.write(out.resolve(PUBLIC_KEY_FILE), PemFiles.toPem(keys.getPublic()));
            System.out.println("Wrote " + out.resolve(PRIVATE_KEY_FILE) + " and " + out.resolve(PUBLIC_KEY_FILE));
            System.out.println("Authorise it: [security] operator_keys = \""
                    + out.resolve(PUBLIC_KEY_FILE).toAbsolutePath()
                    + "\"");
            return 0;
        }
    }

    /** Where and as whom a signed operator call goes. */
    static final class Target {
        @Option(names = "--url", description = "TCS listener URL (default: ${DEFAULT-VALUE})")
        String url = "http://127.0.0.1:1947";

        @Option(names = "--key", description = "Operator private key (PEM)", required = true)
        Path key;

        @Option(names = "--trust", description = "PEM certificate(s) to trust for an https:// URL")
        Path trust;

        /** Sends one signed JSON-RPC call and prints the reply; returns it. */
        JsonNode send(String method, JsonNode params) throws Exception {
            Commands.requireScheme("--url", url);
            byte[] body = ProtocolJson.toBytes(JsonRpcRequest.of(method, 1, params));
            // The public key (its id names the key in the header) is derived from the private key.
            String authorization = new RequestSigner(PemFiles.readKeyPair(key), Clock.systemUTC())
                    .authorization(SignedRequests.audience(URI.create(url)), body);
            HttpClientOptions options = new HttpClientOptions();
            if (trust != null) {
                ClientTls.trusting(trust).applyTo(options);
            }
            Vertx vertx = Vertx.vertx();
            try {
                Buffer reply = vertx.createHttpClient(options)
                        .request(new RequestOptions()
                                .setMethod(HttpMethod.POST)
                                .setAbsoluteURI(url)
                                .putHeader("Content-Type", "application/json")
                                .putHeader("Authorization", authorization))
                        .compose(request -> request.send(Buffer.buffer(body)).compose(response -> response.body()))
                        .toCompletionStage()
                        .toCompletableFuture()
                        .get(30, TimeUnit.SECONDS);
                System.out.println(reply.toString(StandardCharsets.UTF_8));
                return ProtocolJson.parse(reply.getBytes());
            } finally {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        }
    }

    @Command(
            name = "call",
            mixinStandardHelpOptions = true,
            description = "Send one signed JSON-RPC call and print the reply.")
    static final class Call implements Callable<Integer> {
        @Mixin
        Target target = new Target();

        @Option(names = "--method", description = "JSON-RPC method, e.g. WorkerSetStatus", required = true)
        String method;

        @Option(names = "--params", description = "params as a JSON object (default: ${DEFAULT-VALUE})")
        String params = "{}";

        @Override
        public Integer call() throws Exception {
            target.send(method, ProtocolJson.parse(params.getBytes(StandardCharsets.UTF_8)));
            return 0;
        }
    }

    @Command(
            name = "rotate-key",
            mixinStandardHelpOptions = true,
            description = "Rotate the encryption key of a singleton worker the TCS runs (WorkerRotateKey) and print"
                    + " the new key; exits 1 if the TCS refuses.")
    static final class RotateKey implements Callable<Integer> {
        @Mixin
        Target target = new Target();

        @Option(names = "--worker", description = "Worker name, [worker] name (default: ${DEFAULT-VALUE})")
        String worker = WorkerConfig.DEFAULT_NAME;

        @Override
        public Integer call() throws Exception {
            JsonNode reply = target.send(
                    "WorkerRotateKey",
                    JsonNodeFactory.instance.objectNode().put("workerId", WorkerConfig.idOf(worker)));
            return reply.has("error") ? 1 : 0;
        }
    }

    @Command(
            name = "pool-keys",
            mixinStandardHelpOptions = true,
            description =
                    "Create the signing keys of a pool whose processes run on several hosts or pods ([pool] keys_dir).")
    static final class PoolKeys implements Callable<Integer> {
        @Option(names = "--dir", required = true, description = "New directory for the keys (owner-only)")
        Path dir;

        @Option(
                names = "--member",
                required = true,
                description = "A WKM that gets its own key (listed with role wkm), repeatable: e.g. camelot-wkm-0,"
                        + " camelot-wkm-1; the manager's key (role manager) is always made")
        List<String> members;

        @Option(
                names = "--wp",
                description = "A WP that gets its own key, repeatable: e.g. "
                        + PoolIdentities.ELASTIC_WP
                        + " (shared by WPs started on demand); listed with role wp: only WP keys may register WPs")
        List<String> wps = new ArrayList<>();

        @Option(
                names = "--tls",
                description = "Also issue a pool CA (" + PoolIdentities.POOL_CA_FILE
                        + "; its private key is not kept) and a TLS certificate and key per member signed by it, for"
                        + " [pool] tls = \"on\", wkm and wp --tls-cert/--tls-key/--tls-trust")
        boolean tls;

        @Option(
                names = "--tls-name",
                paramLabel = "MEMBER=DNS[,DNS...]",
                description = "With --tls, the DNS names of a member's certificate, repeatable; default: those of"
                        + " deploy/k8s/pool (" + PoolIdentities.MANAGER + ": " + MANAGER_SERVICE + ", "
                        + MANAGER_SERVICE + SERVICE_DOMAIN + "; WKM camelot-wkm-0: camelot-wkm-0." + WKM_SERVICE
                        + ", camelot-wkm-0." + WKM_SERVICE + SERVICE_DOMAIN + "); WP certificates also name "
                        + PoolIdentities.WP_TLS_NAME + ", which the Worker Manager requires of a WP")
        Map<String, String> tlsNames = new LinkedHashMap<>();

        @Override
        public Integer call() {
            if (!tls && !tlsNames.isEmpty()) {
                throw new IllegalArgumentException("--tls-name needs --tls");
            }
            Map<String, List<String>> names = tls ? dnsNames() : Map.of();
            PoolIdentities identities = PoolIdentities.generate(dir, members, wps);
            if (tls) {
                identities.issueTls(names, wps);
            }
            System.out.println("Pool keys for "
                    + PoolIdentities.MANAGER
                    + ", "
                    + members
                    + " and WPs "
                    + wps
                    + " in "
                    + dir
                    + "; every member admits the keys in "
                    + PoolIdentities.PEERS_FILE
                    + " by their roles"
                    + (tls
                            ? "; each member trusts " + PoolIdentities.POOL_CA_FILE + " and serves its own certificate"
                            : ""));
            return 0;
        }

        /** Every member's certificate names: --tls-name, or the manifests' Service names. */
        private Map<String, List<String>> dnsNames() {
            Map<String, List<String>> names = new LinkedHashMap<>();
            names.put(PoolIdentities.MANAGER, List.of(MANAGER_SERVICE, MANAGER_SERVICE + SERVICE_DOMAIN));
            for (String member : members) {
                String host = member + "." + WKM_SERVICE;
                names.put(member, List.of(host, host + SERVICE_DOMAIN));
            }
            for (String wp : wps) {
                names.put(wp, List.of(wp));
            }
            tlsNames.forEach((member, listed) -> {
                if (!names.containsKey(member)) {
                    throw new IllegalArgumentException("--tls-name names " + member + ", which is not a pool member");
                }
                names.put(member, List.of(listed.split(",")));
            });
            return names;
        }
    }
}
