package io.camelot.server;

import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.sdk.DirectTcsClient;
import io.camelot.sdk.Requester;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts TCS nodes for a test ({@code @RegisterExtension}) and closes them, their clients first,
 * after it; on a static field, after all the tests of the class. The test's own {@code @AfterEach}
 * methods run before that, while the node still serves.
 */
final class TcsNodeExtension implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
    private final NodeAssembly opened = new NodeAssembly();
    private boolean perClass;
    private TcsNode node;
    private DirectTcsClient client;

    /** Starts a node, the one {@link #node} and {@link #client} then refer to. */
    TcsNode start(CamelotConfig config) {
        node = opened.add(TcsNode.start(config));
        client = null;
        return node;
    }

    TcsNode node() {
        return node;
    }

    /** A client of the last node started, on its loopback URL. */
    DirectTcsClient client() {
        if (client == null) {
            client = opened.add(DirectTcsClient.create(node.url("127.0.0.1")));
        }
        return client;
    }

    /** A requester through {@link #client} that accepts the node's SIMULATED worker. */
    Requester requester() {
        return Requester.builder(client()).allowSimulation().build();
    }

    /** A requester like {@link #requester} that signs its work orders with a fresh secp256k1 key. */
    Requester signingRequester() {
        return Requester.builder(client())
                .requesterKey(Secp256k1.generate())
                .allowSimulation()
                .build();
    }

    /**
     * Closes every node and client started so far, newest first; for a test that must see them
     * stopped.
     */
    void stop() {
        node = null;
        client = null;
        opened.close();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // Only a static field's extension is called before all tests: it keeps its nodes until the end.
        perClass = true;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }
}
