package io.camelot.listener;

import java.time.Duration;
import java.util.Objects;

/**
 * @param host interface to bind (Avalon's default is localhost)
 * @param port TCP port; 0 picks a free one
 * @param maxBodyBytes larger request bodies are refused without being read
 * @param syncMode WorkOrderSubmit waits for the result instead of answering "pending" (code 5)
 * @param syncWaitCap the longest a synchronous submit waits, whatever responseTimeoutMSecs says;
 *     Avalon clients give up after 10 s
 * @param operatorMethodsEnabled allow WorkerRegister, WorkerUpdate, WorkerSetStatus and
 *     WorkerRotateKey
 * @param security TLS, operator authentication, rate and size limits
 */
public record ListenerConfig(
        String host,
        int port,
        int maxBodyBytes,
        boolean syncMode,
        Duration syncWaitCap,
        boolean operatorMethodsEnabled,
        ListenerSecurity security) {

    public static final int DEFAULT_PORT = 1947;
    public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;
    public static final Duration DEFAULT_SYNC_WAIT_CAP = Duration.ofMillis(9000);

    public ListenerConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, got " + port);
        }
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive, got " + maxBodyBytes);
        }
        Objects.requireNonNull(security, "security");
    }

    /** A listener with {@link ListenerSecurity#defaults()}. */
    public ListenerConfig(
            String host,
            int port,
            int maxBodyBytes,
            boolean syncMode,
            Duration syncWaitCap,
            boolean operatorMethodsEnabled) {
        this(host, port, maxBodyBytes, syncMode, syncWaitCap, operatorMethodsEnabled, ListenerSecurity.defaults());
    }

    public ListenerConfig withSecurity(ListenerSecurity newSecurity) {
        return new ListenerConfig(host, port, maxBodyBytes, syncMode, syncWaitCap, operatorMethodsEnabled, newSecurity);
    }

    public static ListenerConfig defaults() {
        return new ListenerConfig(
                "localhost", DEFAULT_PORT, DEFAULT_MAX_BODY_BYTES, false, DEFAULT_SYNC_WAIT_CAP, false);
    }
}
