package io.camelot.fabric;

import io.camelot.protocol.ErrorCode;
import io.camelot.sdk.TcsException;
import io.camelot.sdk.TcsRpcException;
import io.camelot.sdk.TcsTransportException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;

/**
 * Tells the chaincode's refusals from transport failures in the Gateway's errors: the peer reports a
 * chaincode error response as {@code chaincode response 500, <message>} in the error's details (and, on
 * evaluate, in its message); anything else (peer unavailable, deadline, ordering failure) is transport.
 */
final class ChaincodeErrors {
    private static final Pattern RESPONSE = Pattern.compile("chaincode response \\d+, (.*)", Pattern.DOTALL);

    private ChaincodeErrors() {}

    /** The chaincode's message if the chaincode refused the call. */
    static Optional<String> refusal(GatewayException e) {
        for (ErrorDetail detail : e.getDetails()) {
            Optional<String> message = message(detail.getMessage());
            if (message.isPresent()) {
                return message;
            }
        }
        return message(String.valueOf(e.getMessage()));
    }

    /**
     * A refusal as the EEA error it is (ACCESS_DENIED when the caller lacks the right, else
     * INVALID_PARAMETER), anything else as a transport failure.
     */
    static TcsException translate(GatewayException e, String method, String endpoint) {
        Optional<String> refusal = refusal(e);
        if (refusal.isEmpty()) {
            return new TcsTransportException(method + " via " + endpoint + " failed: " + e.getMessage(), e);
        }
        String message = refusal.get();
        // The chaincode's wording for a creator without the right: "the caller is not the TCS identity of
        // worker w1", "the caller is neither the creator of receipt …", "Org2MSP is not the organization of …".
        int code = message.startsWith("the caller is ") || message.contains(" is not the organization of ")
                ? ErrorCode.ACCESS_DENIED.code()
                : ErrorCode.INVALID_PARAMETER.code();
        return new TcsRpcException(method, endpoint, code, message, null);
    }

    private static Optional<String> message(String text) {
        Matcher matcher = RESPONSE.matcher(text);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
