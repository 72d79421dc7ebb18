package io.camelot.jsonrpc;

import io.camelot.protocol.ErrorCode;
import io.camelot.security.RequestAuthenticator;
import java.util.function.Predicate;

/**
 * Lets a call to a guarded method through only if its caller authenticates; a refused call never
 * reaches the method and is answered with code 3 (access denied). The method learns which key
 * signed, for checks of its own (which pool member may register a WP).
 */
public final class AuthenticatingProcessor extends RpcDecorator {
    /** Decides whether one caller may make one call (its raw body is what a signature covers). */
    @FunctionalInterface
    public interface Authenticator {
        RequestAuthenticator.Result check(Caller caller, byte[] body);
    }

    private final Predicate<RpcMethod<?>> guarded;
    private final Authenticator authenticator;
    private final RefusalLog refusals = new RefusalLog();

    /**
     * @param guarded the methods whose callers must authenticate
     * @param authenticator how they do
     */
    public AuthenticatingProcessor(RpcProcessor next, Predicate<RpcMethod<?>> guarded, Authenticator authenticator) {
        super(next);
        this.guarded = guarded;
        this.authenticator = authenticator;
    }

    /** Every call must be signed by one of the authenticator's keys. */
    public static AuthenticatingProcessor signedCallsOnly(RpcProcessor next, RequestAuthenticator keys) {
        return new AuthenticatingProcessor(
                next, method -> true, (caller, body) -> keys.verify(caller.authorization(), body));
    }

    @Override
    public RpcOutcome process(RpcRequest request) {
        if (request.method().filter(guarded).isEmpty()) {
            return next.process(request);
        }
        return switch (authenticator.check(request.caller(), request.body())) {
            case RequestAuthenticator.Result.Refused refused -> {
                refusals.refused(request.methodName(), request.caller(), refused.reason());
                yield RpcOutcome.error(
                        ErrorCode.ACCESS_DENIED.code(), request.methodName() + " refused: " + refused.reason());
            }
            case RequestAuthenticator.Result.Authenticated signed -> next.process(request.signedBy(signed.keyId()));
        };
    }
}
