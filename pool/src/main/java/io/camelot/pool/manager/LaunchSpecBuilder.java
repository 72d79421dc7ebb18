package io.camelot.pool.manager;

import java.nio.file.Path;

/**
 * The options the builders of {@link WkmLaunchSpec} and {@link WpLaunchSpec} share: where the child
 * process serves, its TEE directory, dedicated requester, peer identity, admin endpoint, span export
 * and whether it stops with its parent.
 *
 * @param <B> the concrete builder, which every setter returns
 */
public abstract class LaunchSpecBuilder<B extends LaunchSpecBuilder<B>> {
    String host;
    int port;
    Path teeDir;
    String dedicatedRequester;
    PeerFiles peer;
    String adminHost;
    int adminPort;
    String otlpEndpoint;
    boolean exitWithParent;

    LaunchSpecBuilder() {}

    abstract B self();

    public B host(String value) {
        host = value;
        return self();
    }

    public B port(int value) {
        port = value;
        return self();
    }

    public B teeDir(Path value) {
        teeDir = value;
        return self();
    }

    public B dedicatedRequester(String value) {
        dedicatedRequester = value;
        return self();
    }

    public B peer(PeerFiles value) {
        peer = value;
        return self();
    }

    public B adminHost(String value) {
        adminHost = value;
        return self();
    }

    public B adminPort(int value) {
        adminPort = value;
        return self();
    }

    public B otlpEndpoint(String value) {
        otlpEndpoint = value;
        return self();
    }

    public B exitWithParent(boolean value) {
        exitWithParent = value;
        return self();
    }
}
