package io.camelot.ethereum;

import io.camelot.ethereum.contracts.WorkerRegistry;
import io.camelot.ethereum.contracts.WorkerRegistryList;
import io.camelot.protocol.ProtocolJson;
import io.camelot.protocol.model.WorkerDetails;
import io.camelot.protocol.model.WorkerLookUpParams;
import io.camelot.protocol.model.WorkerRecord;
import io.camelot.sdk.LookUpPages;
import io.camelot.sdk.TcsClient;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the TCS's workers on chain: registers new ones and updates changed ones (details, status),
 * sending only what differs so that repeating it is cheap and harmless, with their details and
 * attestation evidence exactly as the TCS publishes them (a SIMULATED worker's evidence says so in
 * its proofDataType), plus the proxy-model addresses: the work order contract and the account that
 * completes work orders. Also lists each worker's organization in the registry list.
 */
final class WorkerPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerPublisher.class);

    private final TcsClient tcs;
    private final Chain chain;
    private final ProxyContracts contracts;
    private final RetryPolicy retry;

    WorkerPublisher(TcsClient tcs, Chain chain, ProxyContracts contracts, RetryPolicy retry) {
        this.tcs = tcs;
        this.chain = chain;
        this.contracts = contracts;
        this.retry = retry;
    }

    /**
     * @param workerIds the ids (lower-case hex) of the TCS's workers now on chain as the TCS has them
     * @param transactions how many worker transactions this took (0 when the chain was in step)
     * @param failures why the other workers could not be published, by id
     */
    record Published(Set<String> workerIds, int transactions, Map<String, String> failures) {}

    /** Publishes each worker on its own, so that one the chain refuses holds up no other. */
    Published publish() throws Exception {
        Set<String> published = new LinkedHashSet<>();
        Map<String, String> failures = new LinkedHashMap<>();
        int transactions = 0;
        for (String id : tcsWorkerIds()) {
            try {
                transactions += publish(id, tcs.workerRetrieve(id));
                published.add(Bytes32.normalized(id));
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                failures.put(id, e.getMessage());
                LOG.warn("Cannot publish worker {} on chain", id, e);
            }
        }
        return new Published(
                Collections.unmodifiableSet(published), transactions, Collections.unmodifiableMap(failures));
    }

    /**
     * @return the transactions sent
     */
    private int publish(String id, WorkerRecord record) throws Exception {
        WorkerRegistry registry = contracts.workerRegistry(chain);
        byte[] workerId = Bytes32.of(id);
        String details = ProtocolJson.toText(onChain(record.details()));
        List<byte[]> appTypeIds = appTypeIds(record.applicationTypeId());
        byte[] organization = Bytes32.of(record.organizationId());
        int transactions = listOrganization(organization, appTypeIds);

        var existing = registry.workerRetrieve(workerId).send();
        // workerRegister makes a worker active (status 1); a TCS worker in another status is set after.
        int chainStatus;
        if (existing.component1().signum() == 0) {
            retry.call(
                    "workerRegister " + id,
                    () -> registry.workerRegister(
                                    workerId,
                                    BigInteger.valueOf(record.workerType()),
                                    organization,
                                    appTypeIds,
                                    details)
                            .send());
            LOG.info("Registered worker {} on chain (proofDataType {})", id, proofDataType(record));
            transactions++;
            chainStatus = registry.STATUS_ACTIVE().send().intValue();
        } else {
            if (!existing.component5().equals(details)) {
                retry.call(
                        "workerUpdate " + id,
                        () -> registry.workerUpdate(workerId, details).send());
                LOG.info("Updated worker {} on chain", id);
                transactions++;
            }
            chainStatus = existing.component1().intValue();
        }
        if (chainStatus != record.status()) {
            retry.call(
                    "workerSetStatus " + id,
                    () -> registry.workerSetStatus(workerId, BigInteger.valueOf(record.status()))
                            .send());
            LOG.info("Set worker {} status {} on chain", id, record.status());
            transactions++;
        }
        return transactions;
    }

    /**
     * @return the transactions sent
     */
    private int listOrganization(byte[] organization, List<byte[]> appTypeIds) throws Exception {
        WorkerRegistryList list = contracts.workerRegistryList(chain);
        String owner = list.registryOwner(organization).send();
        byte[] scAddr = Bytes32.of("00".repeat(12) + contracts.workerRegistry().substring(2));
        if (new BigInteger(owner.substring(2), 16).signum() == 0) {
            retry.call(
                    "registryAdd",
                    () -> list.registryAdd(organization, "", scAddr, appTypeIds).send());
            return 1;
        }
        if (!owner.equalsIgnoreCase(chain.address())) {
            LOG.warn(
                    "Organization {} is listed on chain by {}, not by this TCS's account {}",
                    Bytes32.hex(organization),
                    owner,
                    chain.address());
        }
        return 0;
    }

    private WorkerDetails onChain(WorkerDetails details) {
        return new WorkerDetails(
                details.workOrderSyncUri(),
                details.workOrderAsyncUri(),
                details.workOrderPullUri(),
                details.workOrderNotifyUri(),
                details.receiptInvocationUri(),
                contracts.workOrderRegistry(),
                contracts.receiptRegistry(),
                chain.address(),
                details.hashingAlgorithm(),
                details.signingAlgorithm(),
                details.keyEncryptionAlgorithm(),
                details.dataEncryptionAlgorithm(),
                details.workOrderPayloadFormats(),
                details.workerTypeData());
    }

    private List<String> tcsWorkerIds() {
        return LookUpPages.collect(
                () -> tcs.workerLookUp(new WorkerLookUpParams(null, null, null, null, null)),
                tag -> tcs.workerLookUpNext(new WorkerLookUpParams(null, null, null, tag, null)));
    }

    /** Avalon's record carries one application type id, possibly comma-separated. */
    private static List<byte[]> appTypeIds(String ids) {
        List<byte[]> result = new ArrayList<>();
        if (ids != null) {
            for (String id : ids.split(",")) {
                if (!id.isBlank()) {
                    result.add(Bytes32.of(id.strip()));
                }
            }
        }
        return result;
    }

    private static String proofDataType(WorkerRecord record) {
        var typeData = record.details().workerTypeData();
        return typeData == null ? "none" : typeData.proofDataType();
    }
}
