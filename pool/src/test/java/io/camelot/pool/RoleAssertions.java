package io.camelot.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camelot.protocol.ErrorCode;
import java.util.Map;

/** What a pool member gets for a method its role may not call. */
public final class RoleAssertions {
    private RoleAssertions() {}

    /** {@code caller}'s call of each of {@code methods} gets code 3 naming the method and {@code role}. */
    public static void assertRefused(RpcClient caller, String role, String... methods) {
        for (String method : methods) {
            assertThatThrownBy(() -> caller.call(method, Map.of()))
                    .as(method)
                    .isInstanceOfSatisfying(RpcCallException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED.code());
                        assertThat(e.peerMessage())
                                .isEqualTo(method + " refused: the pool role '" + role + "' may not call it");
                    });
        }
    }
}
