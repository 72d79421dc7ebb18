package io.camelot.pool.manager;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code camelot wp} command line of a Workorder Processor, typed: {@link LocalPool} starts its
 * WPs with {@link #toArgs()}, the elastic pool its process and pod WPs, and {@code camelot wp}
 * parses its arguments back into this record, so the flags one side writes are the flags the other
 * reads.
 *
 * @param advertiseHost host the Worker Manager reaches this WP on; "" = {@code host}
 * @param dedicatedRequester "" = any requester
 * @param simulatedMeasurement SIMULATION only: the measurement (hex) to report; "" = this build's
 * @param register register with {@code manager} once serving, deregister and drain when stopped
 * @param adminPort 0 = any free port
 * @param otlpEndpoint "" = no span export
 * @param exitWithParent stop when standard input closes (the children of {@code serve --pool})
 */
public record WpLaunchSpec(
        String manager,
        String host,
        int port,
        String advertiseHost,
        Path teeDir,
        int restartAfter,
        String dedicatedRequester,
        String simulatedMeasurement,
        boolean register,
        int slots,
        PeerFiles peer,
        String adminHost,
        int adminPort,
        String otlpEndpoint,
        boolean exitWithParent) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_SLOTS = 1;

    /** The defaults of every option that has one. */
    public static Builder builder(String manager, Path teeDir, PeerFiles peer) {
        return new Builder(new WpLaunchSpec(
                manager,
                DEFAULT_HOST,
                0,
                "",
                teeDir,
                0,
                "",
                "",
                false,
                DEFAULT_SLOTS,
                peer,
                DEFAULT_HOST,
                0,
                "",
                false));
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The command line, {@code wp} first; options at their default are left out. */
    public List<String> toArgs() {
        List<String> args = new ArrayList<>(List.of("wp"));
        LaunchArgs.flag(args, "--exit-with-parent", exitWithParent);
        LaunchArgs.flag(args, "--register", register);
        LaunchArgs.add(args, "--manager", manager);
        LaunchArgs.add(args, "--host", host, DEFAULT_HOST);
        LaunchArgs.add(args, "--port", port, 0);
        LaunchArgs.add(args, "--advertise-host", advertiseHost);
        LaunchArgs.add(args, "--admin-host", adminHost, DEFAULT_HOST);
        LaunchArgs.add(args, "--admin-port", adminPort, 0);
        peer.addArgs(args);
        LaunchArgs.add(args, "--slots", slots, DEFAULT_SLOTS);
        LaunchArgs.add(args, "--tee-dir", teeDir);
        LaunchArgs.add(args, "--restart-after", restartAfter, 0);
        LaunchArgs.add(args, "--dedicated-requester", dedicatedRequester);
        LaunchArgs.add(args, "--simulated-measurement", simulatedMeasurement);
        LaunchArgs.add(args, "--otlp-endpoint", otlpEndpoint);
        return args;
    }

    public static final class Builder {
        private String manager;
        private String host;
        private int port;
        private String advertiseHost;
        private Path teeDir;
        private int restartAfter;
        private String dedicatedRequester;
        private String simulatedMeasurement;
        private boolean register;
        private int slots;
        private PeerFiles peer;
        private String adminHost;
        private int adminPort;
        private String otlpEndpoint;
        private boolean exitWithParent;

        private Builder(WpLaunchSpec from) {
            manager = from.manager;
            host = from.host;
            port = from.port;
            advertiseHost = from.advertiseHost;
            teeDir = from.teeDir;
            restartAfter = from.restartAfter;
            dedicatedRequester = from.dedicatedRequester;
            simulatedMeasurement = from.simulatedMeasurement;
            register = from.register;
            slots = from.slots;
            peer = from.peer;
            adminHost = from.adminHost;
            adminPort = from.adminPort;
            otlpEndpoint = from.otlpEndpoint;
            exitWithParent = from.exitWithParent;
        }

        public Builder manager(String value) {
            manager = value;
            return this;
        }

        public Builder host(String value) {
            host = value;
            return this;
        }

        public Builder port(int value) {
            port = value;
            return this;
        }

        public Builder advertiseHost(String value) {
            advertiseHost = value;
            return this;
        }

        public Builder teeDir(Path value) {
            teeDir = value;
            return this;
        }

        public Builder restartAfter(int value) {
            restartAfter = value;
            return this;
        }

        public Builder dedicatedRequester(String value) {
            dedicatedRequester = value;
            return this;
        }

        public Builder simulatedMeasurement(String value) {
            simulatedMeasurement = value;
            return this;
        }

        public Builder register(boolean value) {
            register = value;
            return this;
        }

        public Builder slots(int value) {
            slots = value;
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

        public WpLaunchSpec build() {
            return new WpLaunchSpec(
                    manager,
                    host,
                    port,
                    advertiseHost,
                    teeDir,
                    restartAfter,
                    dedicatedRequester,
                    simulatedMeasurement,
                    register,
                    slots,
                    peer,
                    adminHost,
                    adminPort,
                    otlpEndpoint,
                    exitWithParent);
        }
    }
}
