package io.camelot.ethereum;

import io.camelot.bridge.ChainWorkOrder;
import io.camelot.bridge.Checkpoint;
import io.camelot.bridge.ProxyChain;
import io.camelot.ethereum.contracts.WorkOrderReceiptRegistry;
import io.camelot.ethereum.contracts.WorkOrderRegistry;
import io.camelot.ethereum.contracts.WorkerRegistryList;
import io.camelot.protocol.ReceiptStatus;
import io.camelot.protocol.model.WorkOrderSubmitParams;
import io.camelot.protocol.model.WorkerDetails;
import io.camelot.protocol.model.WorkerRecord;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.tx.exceptions.ContractCallException;

/**
 * The EEA proxy-model contracts on an Ethereum node, as the bridge's {@link ProxyChain}, from the
 * TCS's account. Events are read block range by block range with eth_getLogs, each range at least
 * {@code confirmations} deep, so the checkpoint is always a whole block.
 */
final class EthereumChain implements ProxyChain {
    private static final Logger LOG = LoggerFactory.getLogger(EthereumChain.class);
    private static final String SUBMITTED_TOPIC = EventEncoder.encode(WorkOrderRegistry.WORKORDERSUBMITTED_EVENT);
    private static final BigInteger COMPLETED = BigInteger.TWO;
    private static final BigInteger LAST_UPDATE = BigInteger.valueOf(0xFFFFFFFFL);
    private static final String RECEIPT_SIGNATURE_RULES = "SHA-256";

    private final Chain chain;
    private final ProxyContracts contracts;
    private final BridgeSettings settings;

    EthereumChain(Chain chain, ProxyContracts contracts, BridgeSettings settings) {
        this.chain = chain;
        this.contracts = contracts;
        this.settings = settings;
    }

    @Override
    public String describe() {
        return "ethereum " + chain.settings().rpcUrl() + " (work orders at " + contracts.workOrderRegistry() + ")";
    }

    @Override
    public long head() throws IOException {
        try {
            return chain.blockNumber().longValueExact();
        } catch (IOException | RuntimeException e) {
            throw new IOException("eth_blockNumber at " + chain.settings().rpcUrl() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void follow(Checkpoint after, Events events) throws Exception {
        long from = after.lastWholeBlock() + 1;
        while (true) {
            long safe = head() - settings.confirmations();
            if (safe < from) {
                Thread.sleep(settings.pollInterval());
                continue;
            }
            long to = Math.min(safe, from + settings.maxBlockRange() - 1);
            for (EthLog.LogResult<?> result : submittedLogs(from, to)) {
                Log log = (Log) result.get();
                var event = WorkOrderRegistry.getWorkOrderSubmittedEventFromLog(log);
                events.submitted(new ChainWorkOrder(
                        Bytes32.hex(event.workOrderId),
                        Bytes32.hex(event.workerId),
                        Bytes32.hex(event.requesterId),
                        event.workOrderRequest,
                        event.senderAddress,
                        event.errorCode.intValueExact(),
                        // Ethereum's checkpoints are whole blocks: handling this event completes the ones before.
                        Checkpoint.throughBlock(log.getBlockNumber().longValueExact() - 1)));
            }
            events.passed(Checkpoint.throughBlock(to));
            from = to + 1;
        }
    }

    private List<EthLog.LogResult> submittedLogs(long from, long to) throws Exception {
        EthFilter filter = new EthFilter(
                DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
                DefaultBlockParameter.valueOf(BigInteger.valueOf(to)),
                contracts.workOrderRegistry());
        filter.addSingleTopic(SUBMITTED_TOPIC);
        EthLog answer = chain.web3j().ethGetLogs(filter).send();
        if (answer.hasError()) {
            throw new IllegalStateException(
                    "eth_getLogs " + from + ".." + to + ": " + answer.getError().getMessage());
        }
        return answer.getLogs();
    }

    /** The event's key must be the sender's key for the JSON's id, and the other ids the same. */
    @Override
    public boolean matches(ChainWorkOrder order, WorkOrderSubmitParams params) {
        try {
            return Arrays.equals(
                            ProxyContracts.workOrderKey(order.submitter(), Bytes32.of(params.workOrderId())),
                            Bytes32.of(order.key()))
                    && Bytes32.same(params.workerId(), Bytes32.of(order.workerId()))
                    && Bytes32.same(params.requesterId(), Bytes32.of(order.requesterId()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public Optional<String> response(ChainWorkOrder order) throws Exception {
        var onChain = contracts
                .workOrderRegistry(chain)
                .workOrderGet(Bytes32.of(order.key()))
                .send();
        return onChain.component1().equals(COMPLETED) ? Optional.of(onChain.component4()) : Optional.empty();
    }

    @Override
    public void complete(ChainWorkOrder order, String response) throws Exception {
        try {
            contracts
                    .workOrderRegistry(chain)
                    .workOrderComplete(Bytes32.of(order.key()), response)
                    .send();
        } catch (TransactionException e) {
            // An earlier attempt may have been mined after all; that is success, not a failure.
            if (response(order).isEmpty()) {
                throw e;
            }
        }
        LOG.debug("Completed work order {} on chain", order.key());
    }

    @Override
    public void updateReceipt(ChainWorkOrder order, ReceiptStatus status, String updateData) throws Exception {
        WorkOrderReceiptRegistry receipts = contracts.receiptRegistry(chain);
        byte[] key = Bytes32.of(order.key());
        byte[] workerId = Bytes32.of(order.workerId());
        if (Bytes32.isZero(receipts.workOrderReceiptRetrieve(key).send().component2())) {
            return; // the requester created no receipt
        }
        try {
            receipts.workOrderReceiptUpdateRetrieve(key, workerId, LAST_UPDATE).send();
            return; // this worker's update is there already
        } catch (ContractCallException noUpdateYet) {
            // reverted with "no such update": the worker has not updated the receipt
        }
        receipts.workOrderReceiptUpdate(
                        key,
                        workerId,
                        BigInteger.valueOf(status.code()),
                        updateData.getBytes(StandardCharsets.US_ASCII),
                        new byte[0],
                        RECEIPT_SIGNATURE_RULES)
                .send();
    }

    @Override
    public boolean isPermanent(Exception failure) {
        return reverted(failure);
    }

    /** Mined with a failed status; a receipt that never came (a timeout) is worth another try. */
    static boolean reverted(Exception e) {
        return e instanceof TransactionException failed
                && failed.getTransactionReceipt()
                        .map(receipt -> !receipt.isStatusOK())
                        .orElse(false);
    }

    @Override
    public String workerKey(String tcsWorkerId) {
        return Bytes32.normalized(tcsWorkerId);
    }

    @Override
    public Optional<ChainWorker> worker(String workerKey) throws Exception {
        var existing = contracts
                .workerRegistry(chain)
                .workerRetrieve(Bytes32.of(workerKey))
                .send();
        return existing.component1().signum() == 0
                ? Optional.empty()
                : Optional.of(new ChainWorker(existing.component1().intValueExact(), existing.component5()));
    }

    @Override
    public void registerWorker(String workerKey, WorkerRecord record, String details) throws Exception {
        contracts
                .workerRegistry(chain)
                .workerRegister(
                        Bytes32.of(workerKey),
                        BigInteger.valueOf(record.workerType()),
                        Bytes32.of(record.organizationId()),
                        appTypeIds(record.applicationTypeId()),
                        details)
                .send();
    }

    @Override
    public void updateWorker(String workerKey, String details) throws Exception {
        contracts
                .workerRegistry(chain)
                .workerUpdate(Bytes32.of(workerKey), details)
                .send();
    }

    @Override
    public void setWorkerStatus(String workerKey, int status) throws Exception {
        contracts
                .workerRegistry(chain)
                .workerSetStatus(Bytes32.of(workerKey), BigInteger.valueOf(status))
                .send();
    }

    @Override
    public int listOrganization(WorkerRecord record) throws Exception {
        WorkerRegistryList list = contracts.workerRegistryList(chain);
        byte[] organization = Bytes32.of(record.organizationId());
        String owner = list.registryOwner(organization).send();
        if (new BigInteger(owner.substring(2), 16).signum() == 0) {
            byte[] scAddr =
                    Bytes32.of("00".repeat(12) + contracts.workerRegistry().substring(2));
            list.registryAdd(organization, "", scAddr, appTypeIds(record.applicationTypeId()))
                    .send();
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

    /** With the proxy-model addresses: the work order and receipt contracts, and the completing account. */
    @Override
    public WorkerDetails onChain(WorkerDetails details) {
        return details.withInvocationAddresses(
                contracts.workOrderRegistry(), contracts.receiptRegistry(), chain.address());
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
}
