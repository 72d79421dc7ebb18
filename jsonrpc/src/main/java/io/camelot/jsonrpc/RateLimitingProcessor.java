package io.camelot.jsonrpc;

import io.camelot.protocol.WorkOrderStatus;
import io.camelot.security.RateLimiter;
import java.util.Optional;
import java.util.function.Function;

/**
 * Takes one token per call from the bucket of the key the call is counted under (a caller's
 * address, a requester id); a call with no key passes. Refused with code 8 (BUSY), which clients
 * retry.
 */
public final class RateLimitingProcessor extends RpcDecorator {
    public static final String RATE_LIMITED = "Too many requests; retry later";

    private final RateLimiter limiter;
    private final Function<RpcRequest, Optional<String>> key;

    public RateLimitingProcessor(
            RpcProcessor next, RateLimiter.Limit limit, Function<RpcRequest, Optional<String>> key) {
        super(next);
        this.limiter = new RateLimiter(limit);
        this.key = key;
    }

    /** A limit on the calls from each remote address, over every method. */
    public static RateLimitingProcessor perAddress(RpcProcessor next, RateLimiter.Limit limit) {
        return new RateLimitingProcessor(
                next, limit, request -> Optional.of(request.caller().address()));
    }

    @Override
    public RpcOutcome process(RpcRequest request) {
        Optional<String> bucket = key.apply(request);
        if (bucket.isPresent() && !limiter.tryAcquire(bucket.get())) {
            return RpcOutcome.error(WorkOrderStatus.BUSY.code(), RATE_LIMITED);
        }
        return next.process(request);
    }
}
