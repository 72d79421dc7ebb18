package io.camelot.ethereum;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelot.bridge.RetryPolicy;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.crypto.Secp256k1;
import io.camelot.sdk.Requester;
import io.camelot.sdk.SubmittedWorkOrder;
import io.camelot.sdk.TcsClient;
import io.camelot.sdk.VerifiedWorker;
import io.camelot.sdk.WorkOrderOutcome;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The attested oracle, end to end: a round of a feed submits an {@code attested-oracle} work order
 * to the TCS as a direct-model requester, has the SDK verify the worker (its attestation evidence,
 * by the configured policy) and the worker's signature on the result, and posts the attested value
 * to OracleResults from the TCS account, which the contract accepts only for an active registered
 * worker of that account.
 */
final class OracleFeeds {
    private static final Logger LOG = LoggerFactory.getLogger(OracleFeeds.class);

    private final Requester requester;
    private final Chain chain;
    private final ProxyContracts contracts;
    private final RetryPolicy retry;
    private final Supplier<Set<String>> bridgeWorkers;
    private final Map<String, OraclePost> latest = new ConcurrentHashMap<>();
    private final Map<String, String> problems = new ConcurrentHashMap<>();
    private final AtomicLong posts = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    OracleFeeds(
            TcsClient tcs,
            Chain chain,
            ProxyContracts contracts,
            BridgeSettings settings,
            Supplier<Set<String>> bridgeWorkers) {
        // A key of its own per run: the bridge is an ordinary requester of its TCS here.
        this.requester = Requester.builder(tcs)
                .requesterKey(Secp256k1.generate())
                .attestationCheck(settings.oracleAttestation())
                .awaitTimeout(settings.relay().resultTimeout())
                .build();
        this.chain = chain;
        this.contracts = contracts;
        this.retry = settings.relay().retry();
        this.bridgeWorkers = bridgeWorkers;
    }

    /** One round of {@code feed}; a failure is logged and counted, and the next round tries again. */
    void round(OracleFeed feed) {
        try {
            OraclePost posted = post(feed);
            latest.put(feed.name(), posted);
            problems.remove(feed.name());
            posts.incrementAndGet();
            LOG.info("Oracle feed {}: posted {} from work order {}", feed.name(), posted.value(), posted.workOrderId());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failures.incrementAndGet();
            problems.put(feed.name(), e.toString());
            LOG.warn("Oracle feed {} round failed; the next round tries again", feed.name(), e);
        }
    }

    private OraclePost post(OracleFeed feed) throws Exception {
        VerifiedWorker worker = requester.worker(workerOf(feed));
        SubmittedWorkOrder order = requester
                .newWorkOrder(worker, OracleFeed.WORKLOAD)
                .input(feed.source())
                .submit();
        WorkOrderOutcome outcome = order.await();
        String statement = outcome.text(0);
        JsonNode parsed = ProtocolJson.parse(outcome.bytes(0));
        if (!feed.source().equals(parsed.path("source").asText())) {
            throw new IllegalStateException("work order "
                    + order.workOrderId()
                    + " attests "
                    + parsed.path("source").asText()
                    + ", not the feed's source "
                    + feed.source());
        }
        String value = parsed.path("value").asText();
        var oracle = contracts.oracleResults(chain);
        retry.call(
                "OracleResults.post " + feed.name(),
                () -> oracle.post(feed.id(), Bytes32.of(worker.workerId()), Bytes32.of(order.workOrderId()), value)
                        .send(),
                EthereumChain::reverted);
        return new OraclePost(worker.workerId(), order.workOrderId(), value, statement);
    }

    private String workerOf(OracleFeed feed) {
        if (feed.workerId() != null) {
            return feed.workerId();
        }
        return bridgeWorkers.get().stream()
                .findFirst()
                .orElseThrow(() ->
                        new IllegalStateException("the TCS publishes no worker to run oracle feed " + feed.name()));
    }

    Optional<OraclePost> latest(String feedName) {
        return Optional.ofNullable(latest.get(feedName));
    }

    long posts() {
        return posts.get();
    }

    long failures() {
        return failures.get();
    }

    /** Why feeds failed their last round, by feed name. */
    Map<String, String> problems() {
        return Map.copyOf(problems);
    }
}
