package io.camelot.pool;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a pool member is, as the operator's peer list ({@link PoolPeers}) names it: each internal
 * method serves only the roles that need it (docs/pools.md, "Roles"), so a member's stolen key
 * reaches only what that member itself may call.
 */
public enum PoolRole {
    /** The Worker Manager (in {@code serve}), which orchestrates key copies and rotation. */
    MANAGER("manager"),
    /** A Worker Key Manager replica. */
    WKM("wkm"),
    /** A Workorder Processor. */
    WP("wp");

    private final String label;

    PoolRole(String label) {
        this.label = label;
    }

    /** How the peer list writes it ({@code role: manager}). */
    public String label() {
        return label;
    }

    static Optional<PoolRole> ofLabel(String label) {
        return Arrays.stream(values()).filter(role -> role.label.equals(label)).findFirst();
    }
}
