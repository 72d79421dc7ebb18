package io.camelot.security;

import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;

/**
 * Checks {@link SignedRequests} headers against a fixed set of authorised public keys. A request
 * passes if its key is authorised, its signature covers this body and an audience this listener
 * answers to, its timestamp is within the window of now and not before this authenticator was made,
 * and its nonce has not been seen within the window (so a captured header cannot be replayed, even
 * after a restart). Thread-safe.
 */
public final class RequestAuthenticator {
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);
    // Bounds the replay cache (about 200 bytes a call): at most this many signed calls per window are
    // admitted. Only authorised keys reach it; a pool's busiest member makes a few thousand a second.
    static final int MAX_REMEMBERED_NONCES = 500_000;
    private static final Pattern HEADER = Pattern.compile(
            SignedRequests.SCHEME
                    + " key=([0-9a-f]{32}), ts=([0-9]{1,15}), nonce=([0-9a-f]{16,64}), aud=([a-z0-9.:\\[\\]-]{1,262}), sig=([A-Za-z0-9+/]{1,200}={0,2})");

    private final Map<String, ECPublicKeyParameters> keys = new HashMap<>();
    private final Predicate<String> answersTo;
    private final Clock clock;
    private final long windowMillis;
    // The nonce cache starts empty with each process: a request signed before then may have been
    // served already, so it is refused rather than replayed after a restart within the window.
    private final long startedAt;
    private final Map<String, Long> seenNonces = new ConcurrentHashMap<>();
    // The same nonces in the order they were recorded, so forgetting costs only what expired.
    private final Queue<Remembered> recorded = new ConcurrentLinkedQueue<>();
    private final ReentrantLock forgetting = new ReentrantLock();

    private record Remembered(String nonceKey, long expiresAt) {}

    /** The outcome: the caller's key id, or why the request is refused. */
    public sealed interface Result {
        record Authenticated(String keyId) implements Result {}

        record Refused(String reason) implements Result {}
    }

    /** As {@link #RequestAuthenticator(Collection, Clock, Duration, Set)}, for any audience. */
    public RequestAuthenticator(Collection<PublicKey> authorisedKeys, Clock clock, Duration window) {
        this(authorisedKeys, clock, window, Set.of());
    }

    /**
     * @param audiences the {@link SignedRequests#audience}s this listener answers to (the names and
     *     ports its callers address it by); empty: any, so a token for another listener is accepted
     *     here
     */
    public RequestAuthenticator(
            Collection<PublicKey> authorisedKeys, Clock clock, Duration window, Set<String> audiences) {
        this(authorisedKeys, clock, window, audiences.isEmpty() ? audience -> true : Set.copyOf(audiences)::contains);
    }

    /**
     * @param answersTo whether this server answers to an {@link SignedRequests#audience} (a pool
     *     server: one naming its own port)
     */
    public RequestAuthenticator(
            Collection<PublicKey> authorisedKeys, Clock clock, Duration window, Predicate<String> answersTo) {
        if (authorisedKeys.isEmpty()) {
            throw new IllegalArgumentException("at least one authorised key is needed");
        }
        for (PublicKey key : authorisedKeys) {
            keys.put(SignedRequests.keyId(key), P256Ecdsa.publicKey(key));
        }
        this.clock = clock;
        this.windowMillis = window.toMillis();
        this.answersTo = answersTo;
        this.startedAt = clock.millis();
    }

    /**
     * The checks that need no body: the header's form, an authorised key, a timestamp in the window
     * and not before this process started, an audience this listener answers to. A server whose every
     * method needs a signature runs them before it reads (and parses) the body.
     */
    public Optional<Result.Refused> refusalBeforeBody(String authorization) {
        return headerOf(authorization) instanceof Result.Refused refused ? Optional.of(refused) : Optional.empty();
    }

    public Result verify(String authorization, byte[] body) {
        Object checked = headerOf(authorization);
        if (!(checked
                instanceof
                Header(
                        String keyId,
                        ECPublicKeyParameters key,
                        long timestamp,
                        String nonce,
                        String audience,
                        String sig))) {
            return (Result.Refused) checked;
        }
        long now = clock.millis();
        if (!signatureValid(key, audience, timestamp, nonce, body, sig)) {
            return new Result.Refused("invalid request signature");
        }
        // Recorded only after the signature checks out, so strangers cannot fill the cache.
        forgetExpired(now);
        if (seenNonces.size() >= MAX_REMEMBERED_NONCES) {
            return new Result.Refused("too many signed requests in the window; retry later");
        }
        String nonceKey = keyId + "/" + nonce;
        long expiresAt = timestamp + windowMillis;
        if (seenNonces.putIfAbsent(nonceKey, expiresAt) != null) {
            return new Result.Refused("replayed request (nonce already used)");
        }
        recorded.add(new Remembered(nonceKey, expiresAt));
        return new Result.Authenticated(keyId);
    }

    private record Header(
            String keyId, ECPublicKeyParameters key, long timestamp, String nonce, String audience, String sig) {}

    /**
     * A {@link Header} of an authorised key within the window, or the {@link Result.Refused} saying
     * why not.
     */
    private Object headerOf(String authorization) {
        if (authorization == null) {
            return new Result.Refused(
                    "a signed request is required (" + SignedRequests.HEADER + ": " + SignedRequests.SCHEME + " ...)");
        }
        Matcher header = HEADER.matcher(authorization.trim());
        if (!header.matches()) {
            return new Result.Refused("malformed " + SignedRequests.HEADER + " header");
        }
        String keyId = header.group(1);
        long timestamp = Long.parseLong(header.group(2));
        ECPublicKeyParameters key = keys.get(keyId);
        if (key == null) {
            return new Result.Refused("key " + keyId + " is not authorised");
        }
        if (Math.abs(clock.millis() - timestamp) > windowMillis) {
            return new Result.Refused("request timestamp is outside the accepted window");
        }
        if (timestamp < startedAt) {
            return new Result.Refused("request timestamp is before this process started");
        }
        String audience = header.group(4);
        if (!answersTo.test(audience)) {
            return new Result.Refused("request is for " + audience + ", not this listener");
        }
        return new Header(keyId, key, timestamp, header.group(3), audience, header.group(5));
    }

    private static boolean signatureValid(
            ECPublicKeyParameters key, String audience, long timestamp, String nonce, byte[] body, String sig) {
        byte[] der;
        try {
            der = Base64.getDecoder().decode(sig);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return P256Ecdsa.verify(key, SignedRequests.signedText(audience, timestamp, nonce, body), der);
    }

    int rememberedNonces() {
        return seenNonces.size();
    }

    /**
     * Drops expired nonces from the oldest recorded on. Timestamps may arrive slightly out of order,
     * so an unexpired nonce at the head keeps later, expired ones a little longer: never shorter,
     * which is what matters. One thread cleans at a time; the others need not wait for it.
     */
    private void forgetExpired(long now) {
        if (!forgetting.tryLock()) {
            return;
        }
        try {
            for (Remembered head = recorded.peek(); head != null && head.expiresAt() < now; head = recorded.peek()) {
                recorded.poll();
                seenNonces.remove(head.nonceKey(), head.expiresAt());
            }
        } finally {
            forgetting.unlock();
        }
    }
}
