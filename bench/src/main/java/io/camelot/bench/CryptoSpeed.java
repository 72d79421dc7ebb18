package io.camelot.bench;

import io.camelot.protocol.crypto.Aead;
import io.camelot.protocol.crypto.AesGcm;
import io.camelot.protocol.crypto.CryptoProviders;
import io.camelot.protocol.crypto.KeyWrapPrivateKey;
import io.camelot.protocol.crypto.PublicKeySign;
import io.camelot.protocol.crypto.RsaOaep;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.protocol.crypto.X25519Hkdf;
import io.camelot.protocol.hash.Sha256;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Measures the ceiling of each primitive a worker pays per work order, single-threaded, under each
 * provider: operations per second over a fixed time after a warm-up. A quick, JMH-free reading for
 * operators choosing {@code [crypto] provider} and {@code key_encryption}; not a substitute for a
 * load test.
 *
 * <p>Run from the repository root, after {@code ./camelot} has built the jar (which carries ACCP):
 *
 * <pre>
 * java -cp server/target/camelot.jar io.camelot.bench.CryptoSpeed [seconds per measurement, default 2]
 * </pre>
 */
public final class CryptoSpeed {
    private static final int KIB = 1024;

    private static volatile int sink;

    private record Row(String operation, String provider, double opsPerSecond) {}

    private CryptoSpeed() {}

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2;
        List<Row> rows = new ArrayList<>();
        KeyWrapPrivateKey rsa = RsaOaep.generate();
        KeyWrapPrivateKey x25519 = X25519Hkdf.generate();
        PublicKeySign secp256k1 = Secp256k1.generate();
        byte[] sessionKey = AesGcm.newKey();
        byte[] rsaWrapped = rsa.publicKey().wrap(sessionKey);
        byte[] x25519Wrapped = x25519.publicKey().wrap(sessionKey);
        byte[] kib = new byte[KIB];
        byte[] digest = Sha256.digest(kib);

        for (String provider : List.of(CryptoProviders.JCA, CryptoProviders.ACCP)) {
            try {
                CryptoProviders.use(provider);
            } catch (IllegalStateException e) {
                System.out.println("(" + provider + " skipped: " + e.getMessage() + ")");
                continue;
            }
            Aead aead = AesGcm.of(sessionKey);
            rows.add(measure("RSA-OAEP-3072 unwrap", seconds, () -> rsa.unwrap(rsaWrapped)));
            rows.add(
                    measure("RSA-OAEP-3072 wrap", seconds, () -> rsa.publicKey().wrap(sessionKey)));
            rows.add(measure("X25519-HKDF unwrap", seconds, () -> x25519.unwrap(x25519Wrapped)));
            rows.add(measure(
                    "X25519-HKDF wrap", seconds, () -> x25519.publicKey().wrap(sessionKey)));
            rows.add(measure(
                    "AES-256-GCM encrypt 1 KiB",
                    seconds,
                    () -> aead.sealDetached(kib, null).ciphertextAndTag()));
            rows.add(measure("SHA-256 1 KiB", seconds, () -> Sha256.digest(kib)));
            rows.add(measure("secp256k1 sign (BC)", seconds, () -> secp256k1.signDigest(digest)));
        }
        CryptoProviders.use(CryptoProviders.JCA);

        System.out.printf("%-28s %-6s %14s %12s%n", "operation", "prov.", "ops/s", "us/op");
        for (Row row : rows) {
            System.out.printf(
                    "%-28s %-6s %,14.0f %12.2f%n",
                    row.operation(), row.provider(), row.opsPerSecond(), 1e6 / row.opsPerSecond());
        }
    }

    private static Row measure(String operation, double seconds, Supplier<byte[]> op) {
        run(op, seconds);
        return new Row(operation, CryptoProviders.current(), run(op, seconds));
    }

    /** Runs {@code op} for about {@code seconds}; returns operations per second. */
    private static double run(Supplier<byte[]> op, double seconds) {
        long budget = (long) (seconds * 1e9);
        long start = System.nanoTime();
        long count = 0;
        long elapsed;
        do {
            sink ^= op.get()[0];
            count++;
            elapsed = System.nanoTime() - start;
        } while (elapsed < budget);
        return count * 1e9 / elapsed;
    }
}
