package io.camelot.pool.manager;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code camelot wkm} command line of a Worker Key Manager, typed: {@link LocalPool} starts its
 * WKMs with {@link #toArgs()}, and {@code camelot wkm} parses its arguments back into this record,
 * so the flags one side writes are the flags the other reads.
 *
 * @param teeDir null = {@code <dataDir>/tee}
 * @param generateKeys create pool keys if none are sealed in {@code dataDir}
 * @param join "" or the URL of the WKM to copy the pool keys from
 * @param allowedWpMeasurements WP association (hex); empty = this build's WP
 * @param maxWps WPs admitted at once; 0 = no limit
 * @param restartWpAfter work orders per WP identity before it must restart; 0 = no limit
 * @param extKey sign results Avalon's two-step way (extVerificationKey)
 * @param dedicatedRequester "" or the requester key (PEM text or file) whose work orders alone are
 *     served
 * @param adminPort 0 = any free port
 * @param otlpEndpoint "" = no span export
 * @param exitWithParent stop when standard input closes (the children of {@code serve --pool})
 */
public record WkmLaunchSpec(
        String host,
        int port,
        Path dataDir,
        Path teeDir,
        boolean generateKeys,
        String join,
        List<String> allowedWpMeasurements,
        boolean samePlatform,
        int maxWps,
        int restartWpAfter,
        boolean keyMigration,
        boolean extKey,
        long rotationGraceSeconds,
        String dedicatedRequester,
        boolean requireRequesterSignature,
        PeerFiles peer,
        String adminHost,
        int adminPort,
        String otlpEndpoint,
        boolean exitWithParent) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final long DEFAULT_ROTATION_GRACE_SECONDS = 300;

    public WkmLaunchSpec {
        allowedWpMeasurements = List.copyOf(allowedWpMeasurements);
    }

    /** The defaults of every option that has one. */
    public static Builder builder(Path dataDir, PeerFiles peer) {
        return new Builder(new WkmLaunchSpec(
                DEFAULT_HOST,
                0,
                dataDir,
                null,
                false,
                "",
                List.of(),
                false,
                0,
                0,
                true,
                false,
                DEFAULT_ROTATION_GRACE_SECONDS,
                "",
                false,
                peer,
                DEFAULT_HOST,
                0,
                "",
                false));
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The command line, {@code wkm} first; options at their default are left out. */
    public List<String> toArgs() {
        List<String> args = new ArrayList<>(List.of("wkm"));
        LaunchArgs.flag(args, "--exit-with-parent", exitWithParent);
        LaunchArgs.add(args, "--data-dir", dataDir);
        LaunchArgs.add(args, "--tee-dir", teeDir);
        LaunchArgs.add(args, "--host", host, DEFAULT_HOST);
        LaunchArgs.add(args, "--port", port, 0);
        LaunchArgs.add(args, "--admin-host", adminHost, DEFAULT_HOST);
        LaunchArgs.add(args, "--admin-port", adminPort, 0);
        peer.addArgs(args);
        LaunchArgs.flag(args, "--generate-keys", generateKeys);
        LaunchArgs.add(args, "--join", join);
        for (String measurement : allowedWpMeasurements) {
            LaunchArgs.add(args, "--allow-wp-measurement", measurement);
        }
        LaunchArgs.flag(args, "--same-platform", samePlatform);
        LaunchArgs.add(args, "--max-wps", maxWps, 0);
        LaunchArgs.add(args, "--restart-wp-after", restartWpAfter, 0);
        LaunchArgs.flag(args, "--no-key-migration", !keyMigration);
        LaunchArgs.flag(args, "--ext-key", extKey);
        LaunchArgs.add(args, "--rotation-grace-seconds", rotationGraceSeconds, DEFAULT_ROTATION_GRACE_SECONDS);
        LaunchArgs.add(args, "--dedicated-requester", dedicatedRequester);
        LaunchArgs.flag(args, "--require-requester-signature", requireRequesterSignature);
        LaunchArgs.add(args, "--otlp-endpoint", otlpEndpoint);
        return args;
    }

    public static final class Builder {
        private String host;
        private int port;
        private Path dataDir;
        private Path teeDir;
        private boolean generateKeys;
        private String join;
        private List<String> allowedWpMeasurements;
        private boolean samePlatform;
        private int maxWps;
        private int restartWpAfter;
        private boolean keyMigration;
        private boolean extKey;
        private long rotationGraceSeconds;
        private String dedicatedRequester;
        private boolean requireRequesterSignature;
        private PeerFiles peer;
        private String adminHost;
        private int adminPort;
        private String otlpEndpoint;
        private boolean exitWithParent;

        private Builder(WkmLaunchSpec from) {
            host = from.host;
            port = from.port;
            dataDir = from.dataDir;
            teeDir = from.teeDir;
            generateKeys = from.generateKeys;
            join = from.join;
            allowedWpMeasurements = from.allowedWpMeasurements;
            samePlatform = from.samePlatform;
            maxWps = from.maxWps;
            restartWpAfter = from.restartWpAfter;
            keyMigration = from.keyMigration;
            extKey = from.extKey;
            rotationGraceSeconds = from.rotationGraceSeconds;
            dedicatedRequester = from.dedicatedRequester;
            requireRequesterSignature = from.requireRequesterSignature;
            peer = from.peer;
            adminHost = from.adminHost;
            adminPort = from.adminPort;
            otlpEndpoint = from.otlpEndpoint;
            exitWithParent = from.exitWithParent;
        }

        public Builder host(String value) {
            host = value;
            return this;
        }

        public Builder port(int value) {
            port = value;
            return this;
        }

        public Builder dataDir(Path value) {
            dataDir = value;
            return this;
        }

        public Builder teeDir(Path value) {
            teeDir = value;
            return this;
        }

        public Builder generateKeys(boolean value) {
            generateKeys = value;
            return this;
        }

        public Builder join(String value) {
            join = value;
            return this;
        }

        public Builder allowedWpMeasurements(List<String> value) {
            allowedWpMeasurements = value;
            return this;
        }

        public Builder samePlatform(boolean value) {
            samePlatform = value;
            return this;
        }

        public Builder maxWps(int value) {
            maxWps = value;
            return this;
        }

        public Builder restartWpAfter(int value) {
            restartWpAfter = value;
            return this;
        }

        public Builder keyMigration(boolean value) {
            keyMigration = value;
            return this;
        }

        public Builder extKey(boolean value) {
            extKey = value;
            return this;
        }

        public Builder rotationGraceSeconds(long value) {
            rotationGraceSeconds = value;
            return this;
        }

        public Builder dedicatedRequester(String value) {
            dedicatedRequester = value;
            return this;
        }

        public Builder requireRequesterSignature(boolean value) {
            requireRequesterSignature = value;
            return this;
        }

        public Builder peer(PeerFiles value) {
            peer = value;
            return this;
        }

        public Builder adminHost(String value) {
            adminHost = value;
            return this;
        }

        public Builder adminPort(int value) {
            adminPort = value;
            return this;
        }

        public Builder otlpEndpoint(String value) {
            otlpEndpoint = value;
            return this;
        }

        public Builder exitWithParent(boolean value) {
            exitWithParent = value;
            return this;
        }

        public WkmLaunchSpec build() {
            return new WkmLaunchSpec(
                    host,
                    port,
                    dataDir,
                    teeDir,
                    generateKeys,
                    join,
                    allowedWpMeasurements,
                    samePlatform,
                    maxWps,
                    restartWpAfter,
                    keyMigration,
                    extKey,
                    rotationGraceSeconds,
                    dedicatedRequester,
                    requireRequesterSignature,
                    peer,
                    adminHost,
                    adminPort,
                    otlpEndpoint,
                    exitWithParent);
        }
    }
}
