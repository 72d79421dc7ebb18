package io.camelot.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelot.protocol.ErrorCode;
import io.camelot.sdk.TcsRpcException;
import io.camelot.sdk.TcsTransportException;
import io.grpc.Status;
import org.hyperledger.fabric.client.GatewayException;
import org.junit.jupiter.api.Test;

/** Which Gateway errors are the chaincode's refusals, and which EEA code each becomes. */
class ChaincodeErrorsTest {

    private static GatewayException evaluateError(Status status, String description) {
        return new GatewayException(status.withDescription(description).asRuntimeException());
    }

    private static GatewayException refused(String message) {
        return evaluateError(
                Status.UNKNOWN, "evaluate call to endorser returned error: chaincode response 500, " + message);
    }

    @Test
    void aCreatorWithoutTheRightIsAccessDenied() {
        for (String message : new String[] {
            "the caller is not the TCS identity of worker w1",
            "the caller is neither the creator of receipt k nor its worker's TCS identity",
            "Org2MSP is not the organization of worker w1"
        }) {
            assertThat(ChaincodeErrors.translate(refused(message), "M", "fabric"))
                    .isInstanceOfSatisfying(TcsRpcException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED.code());
                        assertThat(e.serverMessage()).isEqualTo(message);
                    });
        }
    }

    @Test
    void anyOtherRefusalIsAnInvalidParameter() {
        GatewayException unknown = refused("unknown worker w9");
        assertThat(ChaincodeErrors.refusal(unknown)).hasValue("unknown worker w9");
        assertThat(ChaincodeErrors.translate(unknown, "M", "fabric"))
                .isInstanceOfSatisfying(
                        TcsRpcException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER.code()));
    }

    @Test
    void anUnavailablePeerIsNoRefusal() {
        GatewayException unavailable = evaluateError(Status.UNAVAILABLE, "io exception");
        assertThat(ChaincodeErrors.refusal(unavailable)).isEmpty();
        assertThat(ChaincodeErrors.translate(unavailable, "M", "fabric")).isInstanceOf(TcsTransportException.class);
    }
}
