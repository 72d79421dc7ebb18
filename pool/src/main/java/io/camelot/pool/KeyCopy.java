package io.camelot.pool;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Copies the pool's private keys from one WKM to another with the Key Management API (seed §3.3.2):
 * the source issues a random id, the target's TEE attests with it, the source checks that evidence
 * (same measurement, migration allowed) and returns its keys encrypted to the target, and the
 * target checks the source's evidence before installing them. Used when a WKM joins and after a
 * rotation. The keys never appear in clear outside the two WKMs.
 */
public final class KeyCopy {
    private KeyCopy() {}

    public static void copy(RpcClient from, RpcClient to) {
        String randomId =
                from.call(PoolApi.GET_RANDOM_ID, Map.of()).path("randomId").asText();
        JsonNode request = to.call(PoolApi.CREATE_KEY_REQUEST, Map.of("randomId", randomId));
        JsonNode exported = from.call(PoolApi.GET_WORKER_PRIVATE_KEYS, Map.of("attestation", request));
        to.call(
                PoolApi.SET_WORKER_PRIVATE_KEYS,
                Map.of("keys", exported.path("keys"), "attestation", exported.path("attestation")));
    }
}
