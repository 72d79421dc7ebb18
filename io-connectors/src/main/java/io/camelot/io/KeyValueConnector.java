package io.camelot.io;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.camelot.workload.WorkloadException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code kv}: a key-value store for data that lives outside the worker but only the worker can read
 * (Avalon's "inside-out" data). Values are sealed with AES-256-GCM under a worker-held key, with
 * the workload and key as associated data, so a value cannot be read outside the worker nor moved
 * to another key or workload unnoticed. Each workload sees only its own keys.
 *
 * <p>Values live in the TCS store under the work order's {@link ConnectorState}: a put or delete
 * commits with the work order's response, atomically, and not at all if the work order fails. Store
 * keys are hashes of the worker id, the workload and the key, so keys do not leak, and workers
 * sharing one store (each with its own sealing key) keep separate values.
 *
 * <p>Request: {@code {"op": "get"|"put"|"delete", "key": "..", "value": "<base64>"}}. Response:
 * {@code {"found": true, "value": "<base64>"}} for get, {@code {"found": <existed>}} otherwise.
 */
public final class KeyValueConnector implements Connector {
    public static final String NAME = "kv";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    record Request(String op, String key, byte[] value) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Response(boolean found, byte[] value) {}

    private final String workerKeyspace;
    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param workerId the worker whose values these are (the sealing key is that worker's)
     * @param sealingKey 32 bytes the worker keeps sealed to its TEE
     */
    public KeyValueConnector(String workerId, byte[] sealingKey) {
        if (sealingKey.length != 32) {
            throw new IllegalArgumentException("the kv sealing key must be 32 bytes");
        }
        this.workerKeyspace = keyspace(workerId);
        this.key = new SecretKeySpec(sealingKey.clone(), "AES");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean keepsState() {
        return true;
    }

    @Override
    public byte[] call(String workload, ConnectorPolicy policy, ConnectorState state, byte[] requestBytes) {
        Request request = Requests.read(NAME, requestBytes, Request.class);
        if (request.key() == null || request.key().isEmpty() || request.op() == null) {
            throw Requests.invalid("kv connector request needs an op and a non-empty key");
        }
        String stateKey = workerKeyspace + sha256Hex(workload) + "/" + sha256Hex(request.key());
        byte[] aad = (workload + "\u0000" + request.key()).getBytes(StandardCharsets.UTF_8);
        return switch (request.op()) {
            case "get" ->
                Requests.write(state.get(stateKey)
                        .map(stored -> new Response(true, open(stored, aad)))
                        .orElse(new Response(false, null)));
            case "put" -> {
                if (request.value() == null) {
                    throw Requests.invalid("kv put needs a value");
                }
                if (request.value().length > policy.maxBytes()) {
                    throw Requests.denied("kv value of "
                            + request.value().length
                            + " bytes exceeds the policy's "
                            + policy.maxBytes());
                }
                boolean existed = state.get(stateKey).isPresent();
                state.put(stateKey, seal(request.value(), aad));
                yield Requests.write(new Response(existed, null));
            }
            case "delete" -> {
                boolean existed = state.get(stateKey).isPresent();
                if (existed) {
                    state.remove(stateKey);
                }
                yield Requests.write(new Response(existed, null));
            }
            default -> throw Requests.invalid("kv op must be get, put or delete, not " + request.op());
        };
    }

    /** Where a worker's values live among the connectors' state keys. */
    static String keyspace(String workerId) {
        return NAME + "/" + sha256Hex(workerId) + "/";
    }

    private byte[] seal(byte[] plaintext, byte[] aad) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad);
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] out = Arrays.copyOf(iv, IV_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    private byte[] open(byte[] sealed, byte[] aad) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
            cipher.updateAAD(aad);
            return cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new WorkloadException("kv value failed authentication: it was altered or sealed by another worker");
        }
    }

    static String sha256Hex(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
