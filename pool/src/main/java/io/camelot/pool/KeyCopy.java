package io.camelot.pool;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Copies the pool's private keys from one WKM to another with the Key Management API (seed §3.3.2):
 * the source issues a random id, the target's TEE attests with it, the source checks that evidence
 * (same measurement, pool and policy, migration allowed) and returns its keys encrypted to the
 * target, and the target checks the source's evidence before installing them. Used when a WKM joins
 * and after a rotation. The keys never appear in clear outside the two WKMs.
 */
public final class KeyCopy {
    private KeyCopy() {}

    /** The target's two steps: over its API (the Worker Manager's copies) or in its own process. */
    public interface Target {
        /** Attestation info carrying the source's {@code randomId} (CreateKeyRequest). */
        Object createKeyRequest(String randomId);

        /** Installs what the source's GetWorkerPrivateKeys answered (SetWorkerPrivateKeys). */
        void install(JsonNode exported);
    }

    public static void copy(RpcClient from, RpcClient to) {
        copy(from, new Target() {
            @Override
            public Object createKeyRequest(String randomId) {
                return to.call(PoolApi.CREATE_KEY_REQUEST, Map.of("randomId", randomId));
            }

            @Override
            public void install(JsonNode exported) {
                to.call(PoolApi.SET_WORKER_PRIVATE_KEYS, exported);
            }
        });
    }

    public static void copy(RpcClient from, Target to) {
        String randomId =
                from.call(PoolApi.GET_RANDOM_ID, Map.of()).path("randomId").asText();
        Object request = to.createKeyRequest(randomId);
        to.install(from.call(PoolApi.GET_WORKER_PRIVATE_KEYS, Map.of("attestation", request)));
    }
}
