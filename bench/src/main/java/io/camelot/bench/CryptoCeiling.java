package io.camelot.bench;

import io.camelot.protocol.crypto.Aead;
import io.camelot.protocol.crypto.AesGcm;
import io.camelot.protocol.crypto.KeyWrapPublicKey;
import io.camelot.protocol.crypto.PublicKeySign;
import io.camelot.protocol.crypto.PublicKeyVerify;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.hash.Sha256;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures, in CPU time of one thread of this JVM, the crypto a work order cannot do without: on
 * the worker an RSA-OAEP private decrypt of the session key, AES-GCM over the input and the output,
 * SHA-256 of the request, the response and the output item, and one secp256k1 signature; on the
 * requester the mirror image (wrap, AES-GCM, the same hashes, one signature verify). Everything
 * else a work order costs (JSON, HTTP, the store) is overhead that the efficiency figure exposes.
 */
public final class CryptoCeiling {
    /** Fields hashed next to the base64 payload in a request or response hash (ids, nonce, keys). */
    private static final int HASHED_FIELD_BYTES = 512;

    private static final int ROUNDS = 5;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    // Keeps results observable so the JIT cannot drop the work that produced them.
    private static volatile int sink;

    private CryptoCeiling() {}

    /**
     * Times each step in {@link #ROUNDS} rounds after one round of warm-up and keeps the fastest
     * round: other processes on the machine only ever slow a round down, and a faster ceiling makes
     * the efficiency figure stricter, never kinder.
     *
     * @param perStep how long each step is timed in all
     */
    public static CryptoCost measure(CryptoSuite suite, int payloadBytes, boolean signedRequests, Duration perStep) {
        List<Step> steps = steps(suite, payloadBytes, signedRequests);
        Duration perRound = perStep.dividedBy(ROUNDS);
        List<CryptoCost.StepCost> costs = new ArrayList<>(steps.size());
        for (Step step : steps) {
            timeFor(step.operation, perRound);
            double fastest = Double.MAX_VALUE;
            for (int round = 0; round < ROUNDS; round++) {
                fastest = Math.min(fastest, timeFor(step.operation, perRound));
            }
            costs.add(new CryptoCost.StepCost(step.name, step.side, fastest));
        }
        return new CryptoCost(suite.name(), payloadBytes, costs);
    }

    private record Step(String name, CryptoCost.Side side, Runnable operation) {}

    private static List<Step> steps(CryptoSuite suite, int payloadBytes, boolean signedRequests) {
        KeyWrapPublicKey wrapKey = suite.workerWrapKey().publicKey();
        PublicKeySign workerKey = suite.workerSigningKey();
        PublicKeyVerify workerVerifier = workerKey.verifier();
        PublicKeySign requesterKey = Secp256k1.generate();
        byte[] sessionKey = AesGcm.newKey();
        byte[] wrapped = wrapKey.wrap(sessionKey);
        Aead session = AesGcm.of(sessionKey);
        byte[] payload = new byte[payloadBytes];
        Aead.Detached sealedPayload = session.sealDetached(payload, null);
        // A request or response hash covers the base64 payload plus the other fields.
        byte[] hashedMessage = new byte[(payloadBytes + 2) / 3 * 4 + HASHED_FIELD_BYTES];
        byte[] digest = Sha256.digest(hashedMessage);
        byte[] workerSignature = workerKey.signDigest(digest);
        byte[] requesterSignature = requesterKey.signDigest(digest);

        Runnable hashes = () -> {
            consume(Sha256.digest(hashedMessage));
            consume(Sha256.digest(hashedMessage));
            consume(Sha256.digest(payload));
        };
        Runnable aesBothWays = () -> {
            consume(session.openDetached(sealedPayload.iv(), sealedPayload.ciphertextAndTag(), null));
            consume(session.sealDetached(payload, null).ciphertextAndTag());
        };
        List<Step> steps = new ArrayList<>();
        CryptoCost.Side server = CryptoCost.Side.SERVER;
        CryptoCost.Side client = CryptoCost.Side.CLIENT;
        steps.add(new Step(
                "key unwrap (private decrypt)",
                server,
                () -> consume(suite.workerWrapKey().unwrap(wrapped))));
        steps.add(new Step("AES-GCM decrypt input + encrypt output", server, aesBothWays));
        steps.add(new Step("SHA-256 request, response, output item", server, hashes));
        steps.add(new Step("sign response hash", server, () -> consume(workerKey.signDigest(digest))));
        if (signedRequests) {
            steps.add(new Step(
                    "verify requester signature",
                    server,
                    () -> consume(requesterKey.verifier().verifyDigest(digest, requesterSignature))));
            steps.add(new Step("sign request hash", client, () -> consume(requesterKey.signDigest(digest))));
        }
        steps.add(new Step("key wrap (public encrypt)", client, () -> consume(wrapKey.wrap(sessionKey))));
        steps.add(new Step("AES-GCM encrypt input + decrypt output", client, aesBothWays));
        steps.add(new Step("SHA-256 request, response, output item", client, hashes));
        steps.add(new Step(
                "verify response signature",
                client,
                () -> consume(workerVerifier.verifyDigest(digest, workerSignature))));
        return steps;
    }

    /**
     * Mean CPU microseconds of this thread per run of {@code operation}, run back to back for {@code
     * budget} of wall time. CPU time rather than wall time, so that time this thread spends
     * descheduled while other processes use the core is not charged to the crypto.
     */
    private static double timeFor(Runnable operation, Duration budget) {
        long deadline = System.nanoTime() + Math.max(budget.toNanos(), 1);
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long runs = 0;
        do {
            operation.run();
            runs++;
        } while (System.nanoTime() < deadline);
        return (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1_000.0 / runs;
    }

    private static void consume(byte[] result) {
        sink += result.length;
    }

    private static void consume(boolean result) {
        sink += result ? 1 : 0;
    }
}
