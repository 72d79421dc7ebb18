package io.camelot.bridge;

import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.model.WorkerLookUpParams;
import io.camelot.protocol.model.WorkerRecord;
import io.camelot.sdk.LookUpPages;
import io.camelot.sdk.TcsClient;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the TCS's workers on the chain: registers new ones and updates changed ones (details,
 * status), sending only what differs so that repeating it is cheap and harmless, with their details
 * and attestation evidence exactly as the TCS publishes them (a SIMULATED worker's evidence says so
 * in its proofDataType) plus the chain's proxy-model addresses. Also lists each worker's
 * organization in the registry list.
 */
final class WorkerSync {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerSync.class);
    private static final int STATUS_ACTIVE = 1;

    private final TcsClient tcs;
    private final ProxyChain chain;
    private final RetryPolicy retry;

    WorkerSync(TcsClient tcs, ProxyChain chain, RetryPolicy retry) {
        this.tcs = tcs;
        this.chain = chain;
        this.retry = retry;
    }

    /**
     * @param workerKeys the workers (in the chain's form) now on the chain as the TCS has them
     * @param writes how many worker transactions this took (0 when the chain was in step)
     * @param failures why the other workers could not be published, by TCS id
     */
    record Published(Set<String> workerKeys, int writes, Map<String, String> failures) {}

    /** Publishes each worker on its own, so that one the chain refuses holds up no other. */
    Published publish() throws InterruptedException {
        Set<String> published = new LinkedHashSet<>();
        Map<String, String> failures = new LinkedHashMap<>();
        int writes = 0;
        for (String id : tcsWorkerIds()) {
            try {
                writes += publish(id, tcs.workerRetrieve(id));
                published.add(chain.workerKey(id));
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                failures.put(id, e.getMessage());
                LOG.warn("Cannot publish worker {} on {}", id, chain.describe(), e);
            }
        }
        return new Published(Collections.unmodifiableSet(published), writes, Collections.unmodifiableMap(failures));
    }

    /** Returns the writes sent. */
    private int publish(String id, WorkerRecord record) throws Exception {
        String key = chain.workerKey(id);
        String details = ProtocolJson.toText(chain.onChain(record.details()));
        int writes =
                retry.call("registry list entry of " + id, () -> chain.listOrganization(record), chain::isPermanent);
        Optional<ProxyChain.ChainWorker> existing = chain.worker(key);
        int chainStatus;
        if (existing.isEmpty()) {
            write("register worker " + id, () -> chain.registerWorker(key, record, details));
            LOG.info("Registered worker {} on {} (proofDataType {})", id, chain.describe(), proofDataType(record));
            writes++;
            chainStatus = STATUS_ACTIVE;
        } else {
            if (!existing.get().details().equals(details)) {
                write("update worker " + id, () -> chain.updateWorker(key, details));
                LOG.info("Updated worker {} on {}", id, chain.describe());
                writes++;
            }
            chainStatus = existing.get().status();
        }
        if (chainStatus != record.status()) {
            write("set worker status " + id, () -> chain.setWorkerStatus(key, record.status()));
            LOG.info("Set worker {} status {} on {}", id, record.status(), chain.describe());
            writes++;
        }
        return writes;
    }

    private interface Write {
        void run() throws Exception;
    }

    private void write(String what, Write write) throws Exception {
        retry.call(
                what,
                () -> {
                    write.run();
                    return null;
                },
                chain::isPermanent);
    }

    private List<String> tcsWorkerIds() {
        return LookUpPages.collect(
                () -> tcs.workerLookUp(new WorkerLookUpParams(null, null, null, null, null)),
                tag -> tcs.workerLookUpNext(new WorkerLookUpParams(null, null, null, tag, null)));
    }

    private static String proofDataType(WorkerRecord record) {
        var typeData = record.details().workerTypeData();
        return typeData == null ? "none" : typeData.proofDataType();
    }
}
