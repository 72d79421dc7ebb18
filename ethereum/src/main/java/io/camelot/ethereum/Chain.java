package io.camelot.ethereum;

import java.io.IOException;
import java.math.BigInteger;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/** A connection to an Ethereum node plus one local signing account. Thread-safe. */
public final class Chain implements AutoCloseable {
    private final ChainSettings settings;
    private final Web3j web3j;
    private final Credentials credentials;
    private final TransactionManager transactions;
    private final ContractGasProvider gas;

    private Chain(ChainSettings settings) {
        this.settings = settings;
        this.web3j = Web3j.build(new HttpService(settings.rpcUrl()));
        this.credentials = Credentials.create(settings.privateKey());
        long pollMillis = Math.max(1, settings.receiptPoll().toMillis());
        int attempts = (int) Math.max(1, settings.receiptTimeout().toMillis() / pollMillis);
        this.transactions = new SerialNonceTransactionManager(
                web3j,
                credentials,
                settings.chainId(),
                new PollingTransactionReceiptProcessor(web3j, pollMillis, attempts));
        this.gas = new StaticGasProvider(settings.gasPrice(), settings.gasLimit());
    }

    public static Chain connect(ChainSettings settings) {
        return new Chain(settings);
    }

    public Web3j web3j() {
        return web3j;
    }

    public TransactionManager transactions() {
        return transactions;
    }

    public ContractGasProvider gas() {
        return gas;
    }

    /** The signing account's address, 0x-prefixed. */
    public String address() {
        return credentials.getAddress();
    }

    public ChainSettings settings() {
        return settings;
    }

    public BigInteger blockNumber() throws IOException {
        return web3j.ethBlockNumber().send().getBlockNumber();
    }

    @Override
    public void close() {
        web3j.shutdown();
    }
}
