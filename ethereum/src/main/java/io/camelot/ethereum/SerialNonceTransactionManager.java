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
 * A rejected or failed send re-reads the nonce from the chain, so a gap left by it cannot stall
 * later transactions.
 */
final class SerialNonceTransactionManager extends FastRawTransactionManager {
  private static final Logger LOG = LoggerFactory.getLogger(SerialNonceTransactionManager.class);

  SerialNonceTransactionManager(
      Web3j web3j, Credentials credentials, long chainId, TransactionReceiptProcessor receipts) {
    super(web3j, credentials, chainId, receipts);
  }

  @Override
  public synchronized EthSendTransaction sendTransaction(
      BigInteger gasPrice,
      BigInteger gasLimit,
      String to,
      String data,
      BigInteger value,
      boolean constructor)
      throws IOException {
    EthSendTransaction sent;
    try {
      sent = super.sendTransaction(gasPrice, gasLimit, to, data, value, constructor);
    } catch (IOException | RuntimeException e) {
      resync(e.getMessage());
      throw e;
    }
    if (sent.hasError()) {
      resync(sent.getError().getMessage());
    }
    return sent;
  }

  private void resync(String why) throws IOException {
    LOG.debug(
        "Send from {} failed ({}); re-reading its nonce from the chain", getFromAddress(), why);
    resetNonce();
  }
}
