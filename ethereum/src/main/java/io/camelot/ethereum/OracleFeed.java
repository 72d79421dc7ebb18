package io.camelot.ethereum;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import org.web3j.crypto.Hash;

/**
 * One attested-oracle value the bridge keeps posted on chain: every {@code interval} it runs the
 * {@code attested-oracle} workload on {@code source} and posts the verified value to OracleResults.
 *
 * @param name the feed's name; on chain its id is {@code keccak256(bytes(name))}, as a contract
 *     reading it would compute
 * @param workerId the worker to ask (hex), or null for the first worker the bridge publishes
 * @param source the HTTPS URL the workload fetches; the worker's {@code https} grant must allow its
 *     host
 */
public record OracleFeed(String name, String workerId, String source, Duration interval) {
    /** The workload that fetches and attests the value (module {@code workloads}). */
    public static final String WORKLOAD = "attested-oracle";

    public OracleFeed {
        Objects.requireNonNull(source, "source");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an oracle feed needs a name");
        }
        if (!"https".equalsIgnoreCase(URI.create(source).getScheme())) {
            throw new IllegalArgumentException(
                    "oracle feed " + name + ": the source must be an https:// URL, not " + source);
        }
        if (!interval.isPositive()) {
            throw new IllegalArgumentException("oracle feed " + name + ": the interval must be positive: " + interval);
        }
        workerId = workerId == null ? null : Bytes32.hex(Bytes32.of(workerId));
    }

    /** The feed's bytes32 id in OracleResults. */
    public byte[] id() {
        return Hash.sha3(name.getBytes(StandardCharsets.UTF_8));
    }
}
