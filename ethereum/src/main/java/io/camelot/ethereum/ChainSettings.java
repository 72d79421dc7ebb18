package io.camelot.ethereum;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach an Ethereum node and sign for one account: any node speaking standard JSON-RPC over
 * HTTP (geth, Besu, …). Transactions are legacy EIP-155 ones signed locally, so the node needs no
 * unlocked accounts.
 *
 * @param privateKey the account's secp256k1 key as hex
 * @param receiptPoll how often to ask for a transaction's receipt
 * @param receiptTimeout how long to wait for one before the send counts as failed
 */
public record ChainSettings(
        String rpcUrl,
        long chainId,
        String privateKey,
        BigInteger gasPrice,
        BigInteger gasLimit,
        Duration receiptPoll,
        Duration receiptTimeout) {

    public static final BigInteger DEFAULT_GAS_PRICE = BigInteger.valueOf(20_000_000_000L);
    public static final BigInteger DEFAULT_GAS_LIMIT = BigInteger.valueOf(6_000_000L);

    public ChainSettings {
        Objects.requireNonNull(rpcUrl, "rpcUrl");
        Objects.requireNonNull(privateKey, "privateKey");
        if (chainId <= 0) {
            throw new IllegalArgumentException("chainId must be positive: " + chainId);
        }
    }

    /** Default gas and receipt polling suited to a dev chain that mines at once. */
    public static ChainSettings of(String rpcUrl, long chainId, String privateKey) {
        return new ChainSettings(
                rpcUrl,
                chainId,
                privateKey,
                DEFAULT_GAS_PRICE,
                DEFAULT_GAS_LIMIT,
                Duration.ofMillis(100),
                Duration.ofSeconds(60));
    }

    /** Never prints the private key. */
    @Override
    public String toString() {
        return "ChainSettings[rpcUrl="
                + rpcUrl
                + ", chainId="
                + chainId
                + ", gasPrice="
                + gasPrice
                + ", gasLimit="
                + gasLimit
                + "]";
    }
}
