package io.camelot.fabric;

import io.camelot.bridge.Bridge;
import io.camelot.bridge.RelaySettings;
import io.camelot.sdk.TcsClient;

/** The TCS's DLT bridge for the EEA proxy model on Fabric: the chain-independent {@link Bridge} on the chaincode. */
public final class FabricBridge {
    private FabricBridge() {}

    /**
     * Publishes the TCS's workers on the channel, then follows the chaincode's events on a thread of its
     * own.
     *
     * @param tcs the TCS's direct-model API; the bridge does not close it
     * @param gateway the TCS's identity, which registers the workers and so completes their work orders;
     *     the bridge does not close it
     * @throws IllegalStateException when a worker cannot be published
     */
    public static Bridge start(TcsClient tcs, FabricGateway gateway, RelaySettings settings)
            throws InterruptedException {
        return Bridge.start(new FabricChain(gateway), tcs, settings);
    }
}
