package io.camelot.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.camelot.listener.ListenerConfig;
import io.camelot.listener.ListenerSecurity;
import io.camelot.listener.NotifyHosts;
import java.time.Duration;
import java.util.List;

/** {@code [listener]}: the JSON-RPC endpoint. */
public record ListenerSection(
        @JsonPropertyDescription("interface the JSON-RPC listener binds to")
        String host,

        @JsonPropertyDescription("TCP port of the JSON-RPC listener (Avalon's default: 1947); 0 picks a free one")
        int port,

        @JsonPropertyDescription("largest request body in bytes; larger requests get code 2 without being read")
        @JsonProperty("max_body_bytes")
        int maxBodyBytes,

        @JsonPropertyDescription("WorkOrderSubmit answers with the result when it is ready") @JsonProperty("sync_mode")
        boolean syncMode,

        @JsonPropertyDescription("longest a synchronous submit waits (Avalon clients time out at 10 s)")
        @JsonProperty("sync_wait_cap_ms")
        long syncWaitCapMs,

        @JsonPropertyDescription(
                "allow WorkerRegister, WorkerUpdate, WorkerSetStatus and WorkerRotateKey; without [security] operator_keys, host must be loopback")
        @JsonProperty("operator_methods")
        boolean operatorMethods,

        @JsonProperty("notify_hosts")
        @JsonPropertyDescription(
                "hosts a work order's notifyUri may name: \"host\" (any port) or \"host:port\"; append"
                        + " \"!private\" to let that host resolve to loopback, link-local or private addresses; [] = no notifications")
        List<String> notifyHosts) {
    public ListenerSection {
        notifyHosts = List.copyOf(notifyHosts);
        Ranges.port("listener", port);
        Ranges.atLeast("listener", "max_body_bytes", maxBodyBytes, 1);
        parse(notifyHosts);
    }

    public static ListenerSection defaults() {
        return new ListenerSection("127.0.0.1", 1947, 1 << 20, false, 9_000, false, List.of());
    }

    public static Builder builder() {
        return defaults().toBuilder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The hosts completion notices may go to (review finding H2). */
    public NotifyHosts allowedNotifyHosts() {
        return parse(notifyHosts);
    }

    private static NotifyHosts parse(List<String> notifyHosts) {
        try {
            return NotifyHosts.parse(notifyHosts);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("[listener] " + e.getMessage(), e);
        }
    }

    /** The listener module's settings, with its security built from {@code [security]}. */
    public ListenerConfig toSettings(ListenerSecurity security) {
        return new ListenerConfig(
                host, port, maxBodyBytes, syncMode, Duration.ofMillis(syncWaitCapMs), operatorMethods, security);
    }

    public static final class Builder {
        private String host;
        private int port;
        private int maxBodyBytes;
        private boolean syncMode;
        private long syncWaitCapMs;
        private boolean operatorMethods;
        private List<String> notifyHosts;

        private Builder(ListenerSection from) {
            host = from.host;
            port = from.port;
            maxBodyBytes = from.maxBodyBytes;
            syncMode = from.syncMode;
            syncWaitCapMs = from.syncWaitCapMs;
            operatorMethods = from.operatorMethods;
            notifyHosts = from.notifyHosts;
        }

        public Builder host(String value) {
            host = value;
            return this;
        }

        public Builder port(int value) {
            port = value;
            return this;
        }

        public Builder maxBodyBytes(int value) {
            maxBodyBytes = value;
            return this;
        }

        public Builder syncMode(boolean value) {
            syncMode = value;
            return this;
        }

        public Builder syncWaitCapMs(long value) {
            syncWaitCapMs = value;
            return this;
        }

        public Builder operatorMethods(boolean value) {
            operatorMethods = value;
            return this;
        }

        public Builder notifyHosts(List<String> value) {
            notifyHosts = value;
            return this;
        }

        public ListenerSection build() {
            return new ListenerSection(host, port, maxBodyBytes, syncMode, syncWaitCapMs, operatorMethods, notifyHosts);
        }
    }
}
