package io.camelot.pool.wkm;

import io.camelot.jsonrpc.RpcMethod;
import io.camelot.pool.InternalServer;
import io.camelot.pool.PeerSecurity;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** A WKM process's endpoint: the Key Management API (and Redirect to itself) over JSON-RPC. */
public final class WkmServer implements AutoCloseable {
    private final InternalServer server;

    private WkmServer(InternalServer server) {
        this.server = server;
    }

    public static WkmServer start(KeyManager keyManager, String host, int port, PeerSecurity security) {
        AtomicReference<String> url = new AtomicReference<>();
        List<RpcMethod<?>> methods = List.of(
                new GetRandomId(keyManager),
                new GetWorkerPrivateKeys(keyManager),
                new SetWorkerPrivateKeys(keyManager),
                new GenerateNewEncryptionKey(keyManager),
                new PreprocessWorkorder(keyManager),
                new PostprocessWorkorder(keyManager),
                new SignReceiptUpdate(keyManager),
                new WorkerInfo(keyManager),
                new CreateKeyRequest(keyManager),
                new Redirect(url::get));
        InternalServer server = InternalServer.start(host, port, methods, security);
        url.set(server.url());
        return new WkmServer(server);
    }

    public String url() {
        return server.url();
    }

    @Override
    public void close() {
        server.close();
    }
}
