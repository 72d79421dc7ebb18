package io.camelot.ethereum;

import io.camelot.ethereum.contracts.OracleResults;
import io.camelot.ethereum.contracts.WorkOrderReceiptRegistry;
import io.camelot.ethereum.contracts.WorkOrderRegistry;
import io.camelot.ethereum.contracts.WorkerRegistry;
import io.camelot.ethereum.contracts.WorkerRegistryList;
import io.camelot.protocol.ProtocolJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * Where the four proxy-model contracts and OracleResults live on one chain. {@code oracleResults}
 * is null in an addresses file written before OracleResults was deployed with the others.
 */
public record ProxyContracts(
        String workerRegistryList,
        String workerRegistry,
        String workOrderRegistry,
        String receiptRegistry,
        String oracleResults) {

    public ProxyContracts {
        Objects.requireNonNull(workerRegistryList, "workerRegistryList");
        Objects.requireNonNull(workerRegistry, "workerRegistry");
        Objects.requireNonNull(workOrderRegistry, "workOrderRegistry");
        Objects.requireNonNull(receiptRegistry, "receiptRegistry");
    }

    /**
     * A work order's key on chain, {@code WorkOrderRegistry.workOrderKey}: the id the contracts,
     * their events and receipts use, bound to the submitting account so no one else can take it
     * (M10).
     */
    public static byte[] workOrderKey(String submitter, byte[] workOrderId) {
        byte[] packed = new byte[20 + 32];
        System.arraycopy(Numeric.toBytesPadded(Numeric.toBigInt(submitter), 20), 0, packed, 0, 20);
        System.arraycopy(workOrderId, 0, packed, 20, 32);
        return Hash.sha3(packed);
    }

    /** Deploys a fresh set from {@code chain}'s account, wired to each other. */
    public static ProxyContracts deploy(Chain chain) throws Exception {
        WorkerRegistryList list = WorkerRegistryList.deploy(chain.web3j(), chain.transactions(), chain.gas())
                .send();
        WorkerRegistry workers = WorkerRegistry.deploy(chain.web3j(), chain.transactions(), chain.gas())
                .send();
        WorkOrderRegistry orders = WorkOrderRegistry.deploy(
                        chain.web3j(), chain.transactions(), chain.gas(), workers.getContractAddress())
                .send();
        WorkOrderReceiptRegistry receipts = WorkOrderReceiptRegistry.deploy(
                        chain.web3j(), chain.transactions(), chain.gas(), orders.getContractAddress())
                .send();
        OracleResults oracle = OracleResults.deploy(
                        chain.web3j(), chain.transactions(), chain.gas(), workers.getContractAddress())
                .send();
        return new ProxyContracts(
                list.getContractAddress(),
                workers.getContractAddress(),
                orders.getContractAddress(),
                receipts.getContractAddress(),
                oracle.getContractAddress());
    }

    /** Reads addresses saved by {@link #save(Path)}: a JSON object with this record's names. */
    public static ProxyContracts load(Path file) {
        try {
            return ProtocolJson.mapper().readValue(Files.readAllBytes(file), ProxyContracts.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read contract addresses from " + file, e);
        }
    }

    public void save(Path file) {
        try {
            Files.write(file, ProtocolJson.toBytes(this));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write contract addresses to " + file, e);
        }
    }

    public WorkerRegistryList workerRegistryList(Chain chain) {
        return WorkerRegistryList.load(workerRegistryList, chain.web3j(), chain.transactions(), chain.gas());
    }

    public WorkerRegistry workerRegistry(Chain chain) {
        return WorkerRegistry.load(workerRegistry, chain.web3j(), chain.transactions(), chain.gas());
    }

    public WorkOrderRegistry workOrderRegistry(Chain chain) {
        return WorkOrderRegistry.load(workOrderRegistry, chain.web3j(), chain.transactions(), chain.gas());
    }

    public WorkOrderReceiptRegistry receiptRegistry(Chain chain) {
        return WorkOrderReceiptRegistry.load(receiptRegistry, chain.web3j(), chain.transactions(), chain.gas());
    }

    /**
     * @throws IllegalStateException if these addresses have none for OracleResults
     */
    public OracleResults oracleResults(Chain chain) {
        if (oracleResults == null) {
            throw new IllegalStateException(
                    "the contract addresses have no oracleResults: deploy OracleResults(workerRegistry) and add its address");
        }
        return OracleResults.load(oracleResults, chain.web3j(), chain.transactions(), chain.gas());
    }
}
