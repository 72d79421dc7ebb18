package io.camelot.listener;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.protocol.ProtocolJson;
import io.camelot.security.AddressRanges;
import io.camelot.security.RateLimiter;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Behind a reverse proxy every caller has the proxy's address (review L7): with the proxy listed
 * in trusted proxies, the rate limit per address and the loopback rule apply to the client the
 * proxy names in X-Forwarded-For; from anyone else that header is ignored.
 */
class TrustedProxiesTest extends TcsTest {
    private static final byte[] LOOK_UP =
            "{\"jsonrpc\":\"2.0\",\"method\":\"WorkerLookUp\",\"id\":1,\"params\":{}}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SET_STATUS =
            "{\"jsonrpc\":\"2.0\",\"method\":\"WorkerSetStatus\",\"id\":2,\"params\":{\"workerId\":\"00\",\"status\":1}}"
                    .getBytes(StandardCharsets.UTF_8);

    private void start(AddressRanges proxies) {
        ListenerConfig config = new ListenerConfig("127.0.0.1", 0, 1 << 20, false, Duration.ofSeconds(1), true)
                .withSecurity(ListenerSecurity.defaults()
                        .withRateLimits(new RateLimiter.Limit(0.001, 2), RateLimiter.Limit.UNLIMITED)
                        .withTrustedProxies(proxies));
        tcs = TestTcs.start(directory, config, 100, false);
    }

    private int code(byte[] body, String... forwardedFor) {
        HttpRequest.Builder request = HttpRequest.newBuilder(tcs.uri("/"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (String header : forwardedFor) {
            request.header("X-Forwarded-For", header);
        }
        JsonNode answer = ProtocolJson.parse(tcs.send(request.build()).body());
        return answer.has("error") ? answer.path("error").path("code").asInt() : 0;
    }

    @Test
    void behindATrustedProxyEachForwardedClientHasItsOwnRateLimit() {
        start(AddressRanges.parse(List.of("127.0.0.0/8")).orElseThrow());
        assertThat(code(LOOK_UP, "198.51.100.1")).isZero();
        assertThat(code(LOOK_UP, "198.51.100.1")).isZero();
        assertThat(code(LOOK_UP, "198.51.100.1"))
                .as("third call in the burst of 2")
                .isEqualTo(8);
        // Another client behind the same proxy is not held back by the first.
        assertThat(code(LOOK_UP, "198.51.100.2")).isZero();
        // A client cannot pick its bucket by sending its own header first: the proxy appends the
        // address it saw, and that rightmost untrusted hop is the caller.
        assertThat(code(LOOK_UP, "203.0.113.9, 198.51.100.1")).isEqualTo(8);
        assertThat(code(LOOK_UP, "198.51.100.3", "127.0.0.1"))
                .as("a trusted hop is skipped")
                .isZero();
    }

    @Test
    void aForwardedCallIsNeverALoopbackCallerEvenFromALoopbackProxy() {
        start(AddressRanges.parse(List.of("127.0.0.1")).orElseThrow());
        // Operator methods are on without keys: loopback callers only (review L2).
        assertThat(code(SET_STATUS, "198.51.100.1")).isEqualTo(3);
        assertThat(code(SET_STATUS)).as("the proxy's own call, with no header").isEqualTo(3);
    }

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        start(AddressRanges.none());
        assertThat(code(LOOK_UP, "198.51.100.1")).isZero();
        assertThat(code(LOOK_UP, "198.51.100.2")).isZero();
        assertThat(code(LOOK_UP, "198.51.100.3"))
                .as("one bucket: the socket's address")
                .isEqualTo(8);
        // A direct loopback caller may still call operator methods.
        assertThat(code(SET_STATUS, "198.51.100.1")).isNotEqualTo(3);
    }
}
