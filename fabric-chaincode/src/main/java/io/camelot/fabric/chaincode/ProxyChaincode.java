package io.camelot.fabric.chaincode;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.hyperledger.fabric.metrics.Metrics;
import org.hyperledger.fabric.shim.ChaincodeBase;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.NettyChaincodeServer;
import org.hyperledger.fabric.shim.ResponseUtils;
import org.hyperledger.fabric.traces.Traces;

/**
 * The EEA registries as one chaincode run as a service (ccaas). The low-level shim API, not the contract
 * API: it starts in about a second instead of four (no class-path scan). Refusals become error responses
 * with their message, which the client sees in its endorsement error.
 */
public final class ProxyChaincode extends ChaincodeBase {
    private final Router router = new Router();

    @Override
    public Response init(ChaincodeStub stub) {
        return ResponseUtils.newSuccessResponse();
    }

    @Override
    public Response invoke(ChaincodeStub stub) {
        try {
            String result = router.invoke(new StubLedger(stub), stub.getFunction(), stub.getParameters());
            return ResponseUtils.newSuccessResponse(result.getBytes(StandardCharsets.UTF_8));
        } catch (Refusal e) {
            return ResponseUtils.newErrorResponse(e.getMessage());
        }
    }

    /**
     * Serves the peer at CHAINCODE_SERVER_ADDRESS (host:port) as CORE_CHAINCODE_ID_NAME (the package id),
     * plaintext unless the shim's TLS variables say otherwise; blocks until the server stops.
     */
    public static void main(String[] args) throws Exception {
        ProxyChaincode chaincode = new ProxyChaincode();
        chaincode.initializeLogging();
        chaincode.processEnvironmentOptions();
        chaincode.validateOptions();
        // ChaincodeBase.start() does this before dialing a peer; without it the server answers the
        // peer with "Chaincode config not available".
        Properties config = chaincode.getChaincodeConfig();
        Metrics.initialize(config);
        Traces.initialize(config);
        new NettyChaincodeServer(chaincode, chaincode.getChaincodeServerConfig()).start();
    }
}
