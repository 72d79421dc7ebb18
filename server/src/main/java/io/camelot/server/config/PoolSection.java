package io.camelot.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.camelot.pool.PoolPolicy;
import io.camelot.pool.manager.LocalPool;
import io.camelot.pool.manager.PoolIdentities;
import io.camelot.pool.manager.WpHosts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code [pool]}: a worker pool beside the singleton worker (see docs/pools.md): WKMs and WPs as
 * child processes, published as one worker named {@code name}. {@code processors = 0} (and no
 * {@code max_processors}) runs no pool. With {@code max_processors > processors} the pool is
 * elastic: a scaler starts and stops WPs between the two by queue depth and slot use.
 */
public record PoolSection(
        @JsonPropertyDescription("WP processes; 0 runs no pool (serve --pool N sets it)")
        int processors,

        @JsonPropertyDescription("the pool's worker name; its worker id is SHA-256 of the name")
        String name,

        @JsonPropertyDescription("WKM processes; more than one needs key_migration = true")
        @JsonProperty("key_managers")
        int keyManagers,

        @JsonPropertyDescription("work orders one WP runs at once") @JsonProperty("slots_per_processor")
        int slotsPerProcessor,

        @JsonPropertyDescription("WP association: WP measurements (hex) the WKMs serve; [] = this build's WP")
        @JsonProperty("allowed_wp_measurements")
        List<String> allowedWpMeasurements,

        @JsonPropertyDescription("\"any\" or \"same-platform\": WKMs admit only WPs on their own (simulated) platform")
        @JsonProperty("wp_localization")
        Localization wpLocalization,

        @JsonPropertyDescription("WPs a WKM admits at once; 0 = no limit") @JsonProperty("max_concurrent_wps")
        int maxConcurrentWps,

        @JsonPropertyDescription("work orders per WP identity before it must restart and re-attest; 0 = never")
        @JsonProperty("restart_wp_after")
        int restartWpAfter,

        @JsonPropertyDescription("private key migration policy: may another attested WKM get the pool keys")
        @JsonProperty("key_migration")
        boolean keyMigration,

        @JsonPropertyDescription(
                "\"pool-key\" (results signed by the pool key) or \"ext-key\" (Avalon's two-step: a per-work-order key vouched for by the pool key)")
        @JsonProperty("signature_scheme")
        SignatureScheme signatureScheme,

        @JsonPropertyDescription("after a key rotation, work orders sealed to the old key are taken this long")
        @JsonProperty("rotation_grace_seconds")
        long rotationGraceSeconds,

        @JsonPropertyDescription(
                "serve only work orders signed with this requester key: secp256k1 SPKI PEM text or the path of a PEM file (not a requester id, which anyone can claim); \"\" = any requester")
        @JsonProperty("dedicated_requester")
        String dedicatedRequester,

        @JsonPropertyDescription(
                "refuse work orders without a requester signature (code 3); implied by dedicated_requester")
        @JsonProperty("require_requester_signature")
        boolean requireRequesterSignature,

        @JsonPropertyDescription("per WP (by index): the only requester id it serves; \"\" = any")
        @JsonProperty("wp_dedicated_requesters")
        List<String> wpDedicatedRequesters,

        @JsonPropertyDescription(
                "where the Worker Manager and the children bind (every internal call is signed: docs/pools.md)")
        @JsonProperty("internal_host")
        String internalHost,

        @JsonPropertyDescription(
                "elastic pool: at most this many WPs, started on demand; 0 or processors: a fixed pool")
        @JsonProperty("max_processors")
        int maxProcessors,

        @JsonPropertyDescription(
                "elastic pool: queued plus running work orders one WP is expected to carry before another starts")
        @JsonProperty("work_orders_per_processor")
        int workOrdersPerProcessor,

        @JsonPropertyDescription(
                "elastic pool: seconds the pool must stay idle before one WP above processors is stopped (drained)")
        @JsonProperty("scale_down_idle_seconds")
        long scaleDownIdleSeconds,

        @JsonPropertyDescription("elastic pool: \"process\" (WPs as child processes) or \"kubernetes\" (WPs as pods)")
        Launcher launcher,

        @JsonPropertyDescription(
                "launcher = \"kubernetes\": namespace of the WP pods (the serve pod's service account may manage pods there)")
        @JsonProperty("kubernetes_namespace")
        String kubernetesNamespace,

        @JsonPropertyDescription("launcher = \"kubernetes\": the Camelot image the WP pods run")
        @JsonProperty("kubernetes_image")
        String kubernetesImage,

        @JsonPropertyDescription("seconds a stopping WP may take to drain before it is killed (pod grace period)")
        @JsonProperty("drain_seconds")
        long drainSeconds,

        @JsonPropertyDescription(
                "the Worker Manager's port on internal_host; 0 picks a free one (pods need a fixed one)")
        @JsonProperty("manager_port")
        int managerPort,

        @JsonPropertyDescription(
                "URL WPs reach the Worker Manager on, when it is not http://internal_host:port (e.g. a Service name)")
        @JsonProperty("manager_url")
        String managerUrl,

        @JsonPropertyDescription(
                "WKMs that run on their own (e.g. a StatefulSet, replicas joined with wkm --join): serve starts none and uses these URLs")
        @JsonProperty("key_manager_urls")
        List<String> keyManagerUrls,

        @JsonPropertyDescription(
                "directory of pool signing keys provisioned with camelot operator pool-keys (needed when pool processes run elsewhere: key_manager_urls, launcher = \"kubernetes\"); empty: generated afresh at each start")
        @JsonProperty("keys_dir")
        String keysDir,

        @JsonPropertyDescription(
                "launcher = \"kubernetes\": the Secret holding keys_dir's files, mounted into the WP pods")
        @JsonProperty("kubernetes_keys_secret")
        String kubernetesKeysSecret,

        @JsonPropertyDescription(
                "pool links: \"off\" (HTTP, every call still signed), \"dev\" (serve's own children: HTTPS with a self-signed development certificate generated at each start) or \"on\" (HTTPS with the pool CA's certificates in keys_dir, from camelot operator pool-keys --tls)")
        Tls tls,

        @JsonPropertyDescription(
                "hosts (names, addresses or CIDR ranges) WPs may register under; [] = loopback and internal_host")
        @JsonProperty("wp_hosts")
        List<String> wpHosts) {
    public static final String DEFAULT_NAME = "pool-worker-1";

    /** Which WPs a WKM admits. */
    public enum Localization implements TomlChoice {
        ANY,
        SAME_PLATFORM;
    }

    /** How results are signed. */
    public enum SignatureScheme implements TomlChoice {
        POOL_KEY,
        EXT_KEY;
    }

    /** What starts an elastic pool's WPs. */
    public enum Launcher implements TomlChoice {
        PROCESS,
        KUBERNETES;
    }

    /** Whether serve's children talk HTTPS. */
    public enum Tls implements TomlChoice {
        OFF,
        DEV,
        ON;
    }

    public PoolSection {
        allowedWpMeasurements = List.copyOf(allowedWpMeasurements);
        wpDedicatedRequesters = List.copyOf(wpDedicatedRequesters);
        keyManagerUrls = List.copyOf(keyManagerUrls);
        wpHosts = List.copyOf(wpHosts);
        if (processors < 0 || keyManagers < 1 || slotsPerProcessor < 1) {
            throw new IllegalArgumentException(
                    "[pool] processors must be >= 0, key_managers and slots_per_processor >= 1");
        }
        if (keyManagers > 1 && !keyMigration) {
            throw new IllegalArgumentException("[pool] key_managers > 1 needs key_migration = true");
        }
        if (tls == Tls.DEV && !keysDir.isBlank()) {
            throw new IllegalArgumentException(
                    "[pool] tls = \"dev\" is for the children of one serve; with keys_dir use tls = \"on\" (camelot operator pool-keys --tls)");
        }
        if (tls == Tls.ON && keysDir.isBlank()) {
            throw new IllegalArgumentException(
                    "[pool] tls = \"on\" needs keys_dir, with the certificates of camelot operator pool-keys --tls");
        }
        if (!keyManagerUrls.isEmpty() && keysDir.isBlank()) {
            throw new IllegalArgumentException(
                    "[pool] key_manager_urls needs keys_dir: WKMs started elsewhere must admit this node's signed calls");
        }
        RequesterKeySetting.canonicalPem("[pool] dedicated_requester", dedicatedRequester);
        allowedWpHosts(wpHosts, internalHost);
        if (maxProcessors < 0 || workOrdersPerProcessor < 1 || scaleDownIdleSeconds < 0 || drainSeconds < 0) {
            throw new IllegalArgumentException(
                    "[pool] max_processors, scale_down_idle_seconds and drain_seconds must be >= 0, work_orders_per_processor >= 1");
        }
        if (maxProcessors > processors) {
            if (!wpDedicatedRequesters.isEmpty()) {
                throw new IllegalArgumentException(
                        "[pool] wp_dedicated_requesters needs a fixed pool: elastic WPs serve any requester");
            }
            if (launcher == Launcher.KUBERNETES
                    && (kubernetesImage.isBlank() || managerUrl.isBlank() || managerPort == 0 || keysDir.isBlank())) {
                throw new IllegalArgumentException(
                        "[pool] launcher = \"kubernetes\" needs kubernetes_image, manager_port and manager_url (the pods reach the Worker Manager there)"
                                + " and keys_dir (the pods sign with its "
                                + PoolIdentities.ELASTIC_WP
                                + " key, mounted from a Secret)");
            }
        }
    }

    /** No pool: the settings of one, ready for {@code processors} or {@code max_processors}. */
    public static PoolSection defaults() {
        return new PoolSection(
                0,
                DEFAULT_NAME,
                1,
                2,
                List.of(),
                Localization.ANY,
                0,
                0,
                true,
                SignatureScheme.POOL_KEY,
                300,
                "",
                false,
                List.of(),
                "127.0.0.1",
                0,
                4,
                30,
                Launcher.PROCESS,
                "default",
                "",
                60,
                0,
                "",
                List.of(),
                "",
                "camelot-pool-keys",
                Tls.OFF,
                List.of());
    }

    public static PoolSectionBuilder builder() {
        return defaults().toBuilder();
    }

    public PoolSectionBuilder toBuilder() {
        return new PoolSectionBuilder(this);
    }

    /** Whether a scaler starts and stops WPs between processors and max_processors. */
    public boolean elastic() {
        return maxProcessors > processors;
    }

    /** Whether this node runs a pool at all. */
    public boolean enabled() {
        return processors > 0 || maxProcessors > 0;
    }

    /** The most WPs the pool runs at once. */
    public int maxWps() {
        return Math.max(processors, maxProcessors);
    }

    /**
     * Where WPs may register: {@code wp_hosts}, or where serve's own WPs listen (loopback,
     * internal_host).
     */
    public WpHosts allowedWpHosts() {
        return allowedWpHosts(wpHosts, internalHost);
    }

    private static WpHosts allowedWpHosts(List<String> wpHosts, String internalHost) {
        if (!wpHosts.isEmpty()) {
            return WpHosts.parse(wpHosts);
        }
        List<String> local = new ArrayList<>(WpHosts.LOOPBACK);
        local.add(internalHost);
        return WpHosts.parse(local);
    }

    /** {@code dedicated_requester} as canonical PEM, "" for none. */
    public String dedicatedRequesterKey() {
        return RequesterKeySetting.canonicalPem("[pool] dedicated_requester", dedicatedRequester);
    }

    /** The pool module's policy: who the WKMs admit and serve, and how results are signed. */
    public PoolPolicy policy() {
        return new PoolPolicy(
                allowedWpMeasurements,
                wpLocalization == Localization.SAME_PLATFORM,
                maxConcurrentWps,
                restartWpAfter,
                keyMigration,
                signatureScheme == SignatureScheme.EXT_KEY,
                Duration.ofSeconds(rotationGraceSeconds),
                dedicatedRequesterKey(),
                requireRequesterSignature);
    }

    /**
     * The settings of serve's own pool processes. An elastic pool starts no fixed WPs: its scaler
     * starts them all.
     */
    public LocalPool.Settings localPoolSettings(Duration callTimeout, String otlpEndpoint) {
        return new LocalPool.Settings(
                elastic() ? 0 : processors,
                keyManagers,
                slotsPerProcessor,
                policy(),
                wpDedicatedRequesters,
                internalHost,
                callTimeout,
                managerPort,
                keyManagerUrls,
                otlpEndpoint);
    }
}
