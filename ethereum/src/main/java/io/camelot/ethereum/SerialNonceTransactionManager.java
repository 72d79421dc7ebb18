package io.camelot.ethereum;

import java.io.IOException;
import java.math.BigInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.tx.FastRawTransactionManager;
import org.web3j.tx.response.TransactionReceiptProcessor;

/**
 * One signer shared by many concurrent senders. web3j's local nonce counter hands out nonces;
 * taking a nonce and handing the signed transaction to the node happen under one lock, so the node
 * receives this account's transactions in nonce order while their receipts are awaited in parallel.
 * After a rejected or failed send the next send first re-reads the nonce from the chain, so a gap
 * left by it cannot stall later transactions: a node like geth keeps a transaction beyond a gap
 * queued, unmined, for good. The re-read happens on the next send, not in the failing one, whose
 * thread may have been interrupted (a bridge that stops mid-send) and could not ask the node.
 */
final class SerialNonceTransactionManager extends FastRawTransactionManager {
    private static final Logger LOG = LoggerFactory.getLogger(SerialNonceTransactionManager.class);

    /** The local nonce may be ahead of what the node holds: re-read it before the next send. */
    private boolean nonceInDoubt;

    SerialNonceTransactionManager(
            Web3j web3j, Credentials credentials, long chainId, TransactionReceiptProcessor receipts) {
        super(web3j, credentials, chainId, receipts);
    }

    @Override
    public synchronized EthSendTransaction sendTransaction(
            BigInteger gasPrice, BigInteger gasLimit, String to, String data, BigInteger value, boolean constructor)
            throws IOException {
        if (nonceInDoubt) {
            resetNonce();
            nonceInDoubt = false;
        }
        EthSendTransaction sent;
        try {
            sent = super.sendTransaction(gasPrice, gasLimit, to, data, value, constructor);
        } catch (IOException | RuntimeException e) {
            inDoubt(e.getMessage());
            throw e;
        }
        if (sent.hasError()) {
            inDoubt(sent.getError().getMessage());
        }
        return sent;
    }

    private void inDoubt(String why) {
        LOG.debug("Send from {} failed ({}); its nonce is re-read before the next send", getFromAddress(), why);
        nonceInDoubt = true;
    }
}
