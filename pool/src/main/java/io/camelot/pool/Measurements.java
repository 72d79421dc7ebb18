package io.camelot.pool;

import io.camelot.attestation.CodeMeasurement;
import io.camelot.pool.wkm.KeyManager;
import io.camelot.pool.wp.WpRuntime;
import io.camelot.worker.WorkOrderExecution;
import io.camelot.worker.Workloads;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The SIMULATED measurements of this build's pool roles: a WKM is measured over the key manager's
 * code, a WP over the WP runtime, the execution path it shares with singleton workers and every
 * workload it can run. A WKM that is given no WP allow-list serves the WPs of its own build, which
 * is the seed's "hard-coded at build time" WP association.
 */
public final class Measurements {
    private Measurements() {}

    public static byte[] keyManager() {
        return CodeMeasurement.of(KeyManager.class);
    }

    public static byte[] processor(Workloads workloads) {
        List<Class<?>> code = new ArrayList<>();
        code.add(WpRuntime.class);
        code.add(WorkOrderExecution.class);
        for (String name : workloads.names()) {
            code.add(workloads.find(name).orElseThrow().getClass());
        }
        return CodeMeasurement.of(code.toArray(Class<?>[]::new));
    }

    public static String hex(byte[] measurement) {
        return HexFormat.of().formatHex(measurement);
    }
}
