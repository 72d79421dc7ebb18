package io.camelot.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RequestAuthenticatorTest {
    static final byte[] BODY = "{\"jsonrpc\":\"2.0\",\"method\":\"WorkerSetStatus\",\"id\":1,\"params\":{}}"
            .getBytes(StandardCharsets.UTF_8);
    static final String AUDIENCE = "tcs-a.example:443";
    final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    final KeyPair operator = RequestSigner.newKeyPair();
    final RequestSigner signer = new RequestSigner(operator.getPrivate(), operator.getPublic(), clock);
    final RequestAuthenticator authenticator =
            new RequestAuthenticator(List.of(operator.getPublic()), clock, Duration.ofMinutes(5));

    static String refusal(RequestAuthenticator.Result result) {
        assertThat(result).isInstanceOf(RequestAuthenticator.Result.Refused.class);
        return ((RequestAuthenticator.Result.Refused) result).reason();
    }

    @Test
    void aSignedBodyIsAuthenticatedOnceAndItsReplayIsRefused() {
        String header = signer.authorization(AUDIENCE, BODY);
        assertThat(authenticator.verify(header, BODY))
                .isEqualTo(new RequestAuthenticator.Result.Authenticated(SignedRequests.keyId(operator.getPublic())));
        assertThat(refusal(authenticator.verify(header, BODY))).isEqualTo("replayed request (nonce already used)");
    }

    @Test
    void noncesAreForgottenOnceTheirWindowHasPassedAndNotBefore() {
        AtomicLong now = new AtomicLong(clock.millis());
        Clock moving = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(now.get());
            }
        };
        RequestSigner movingSigner = new RequestSigner(operator.getPrivate(), operator.getPublic(), moving);
        RequestAuthenticator window =
                new RequestAuthenticator(List.of(operator.getPublic()), moving, Duration.ofSeconds(60));
        String first = movingSigner.authorization(AUDIENCE, BODY);
        for (int i = 0; i < 50; i++) {
            assertThat(window.verify(movingSigner.authorization(AUDIENCE, BODY), BODY))
                    .isInstanceOf(RequestAuthenticator.Result.Authenticated.class);
        }
        assertThat(window.verify(first, BODY)).isInstanceOf(RequestAuthenticator.Result.Authenticated.class);
        now.addAndGet(59_000);
        assertThat(window.verify(movingSigner.authorization(AUDIENCE, BODY), BODY))
                .isInstanceOf(RequestAuthenticator.Result.Authenticated.class);
        assertThat(refusal(window.verify(first, BODY))).isEqualTo("replayed request (nonce already used)");
        assertThat(window.rememberedNonces()).isEqualTo(52);
        now.addAndGet(2_000);
        assertThat(window.verify(movingSigner.authorization(AUDIENCE, BODY), BODY))
                .isInstanceOf(RequestAuthenticator.Result.Authenticated.class);
        // The first 51 expired; the one signed at +59 s and the one just made remain.
        assertThat(window.rememberedNonces()).isEqualTo(2);
        assertThat(refusal(window.verify(first, BODY))).isEqualTo("request timestamp is outside the accepted window");
    }

    @Test
    void theSignatureCoversTheExactBody() {
        String header = signer.authorization(AUDIENCE, BODY);
        byte[] other = BODY.clone();
        other[other.length - 3] = '1';
        assertThat(refusal(authenticator.verify(header, other))).isEqualTo("invalid request signature");
    }

    @Test
    void refusesMissingMalformedUnknownAndStaleHeaders() {
        assertThat(refusal(authenticator.verify(null, BODY))).startsWith("a signed request is required");
        assertThat(refusal(authenticator.verify("Bearer abc", BODY))).isEqualTo("malformed Authorization header");
        KeyPair stranger = RequestSigner.newKeyPair();
        String strangers =
                new RequestSigner(stranger.getPrivate(), stranger.getPublic(), clock).authorization(AUDIENCE, BODY);
        assertThat(refusal(authenticator.verify(strangers, BODY))).endsWith("is not authorised");
        // A stranger's signature under the operator's key id is a bad signature.
        String forged = strangers.replaceFirst("key=[0-9a-f]{32}", "key=" + SignedRequests.keyId(operator.getPublic()));
        assertThat(refusal(authenticator.verify(forged, BODY))).isEqualTo("invalid request signature");
        Clock earlier = Clock.offset(clock, Duration.ofMinutes(-6));
        String stale =
                new RequestSigner(operator.getPrivate(), operator.getPublic(), earlier).authorization(AUDIENCE, BODY);
        assertThat(refusal(authenticator.verify(stale, BODY)))
                .isEqualTo("request timestamp is outside the accepted window");
        String garbled = signer.authorization(AUDIENCE, BODY).replaceFirst("sig=[A-Za-z0-9+/=]+", "sig=AAAA");
        assertThat(refusal(authenticator.verify(garbled, BODY))).isEqualTo("invalid request signature");
    }

    @Test
    void aRequestSignedBeforeTheAuthenticatorStartedIsRefusedSoARestartCannotReplayIt() {
        String beforeRestart = signer.authorization(AUDIENCE, BODY);
        Clock aMinuteLater = Clock.offset(clock, Duration.ofMinutes(1));
        RequestAuthenticator restarted =
                new RequestAuthenticator(List.of(operator.getPublic()), aMinuteLater, Duration.ofMinutes(5));
        assertThat(refusal(restarted.verify(beforeRestart, BODY)))
                .isEqualTo("request timestamp is before this process started");
        assertThat(restarted.refusalBeforeBody(beforeRestart)).isPresent();
        String afterRestart = new RequestSigner(operator, aMinuteLater).authorization(AUDIENCE, BODY);
        assertThat(restarted.verify(afterRestart, BODY)).isInstanceOf(RequestAuthenticator.Result.Authenticated.class);
    }

    @Test
    void aRequestSignedForAnotherAudienceIsRefusedByAListenerThatNamesItsOwn() {
        RequestAuthenticator tcsA =
                new RequestAuthenticator(List.of(operator.getPublic()), clock, Duration.ofMinutes(5), Set.of(AUDIENCE));
        RequestAuthenticator tcsB = new RequestAuthenticator(
                List.of(operator.getPublic()), clock, Duration.ofMinutes(5), Set.of("tcs-b.example:443"));
        String forA = signer.authorization(AUDIENCE, BODY);

        assertThat(refusal(tcsB.verify(forA, BODY))).isEqualTo("request is for tcs-a.example:443, not this listener");
        assertThat(tcsB.refusalBeforeBody(forA)).isPresent();
        assertThat(tcsA.verify(forA, BODY)).isInstanceOf(RequestAuthenticator.Result.Authenticated.class);
        // The audience is signed: rewriting it in the header breaks the signature.
        String rewritten = signer.authorization(AUDIENCE, BODY).replace("aud=" + AUDIENCE, "aud=tcs-b.example:443");
        assertThat(refusal(tcsB.verify(rewritten, BODY))).isEqualTo("invalid request signature");
    }

    @Test
    void theAudienceIsTheAddressedHostAndPort() {
        assertThat(SignedRequests.audience(URI.create("https://TCS-A.example/any/path")))
                .isEqualTo("tcs-a.example:443");
        assertThat(SignedRequests.audience(URI.create("http://127.0.0.1:1947"))).isEqualTo("127.0.0.1:1947");
        assertThat(SignedRequests.audience(URI.create("http://[::1]:7001/"))).isEqualTo("[::1]:7001");
    }

    @Test
    void onlyEcKeysCanBeAuthorised() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RequestAuthenticator(
                        List.of(rsa.generateKeyPair().getPublic()), clock, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
