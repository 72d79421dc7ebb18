package io.camelot.ethereum;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;

class EthereumChainTest {
    @Test
    void aRevertedTransactionIsPermanentAMissingReceiptOrAnIoFailureIsNot() {
        TransactionReceipt reverted = new TransactionReceipt();
        reverted.setStatus("0x0");
        assertThat(EthereumChain.reverted(new TransactionException("reverted: not the organization", reverted)))
                .isTrue();
        assertThat(EthereumChain.reverted(new TransactionException("receipt not generated after 60 s", "0xabc")))
                .isFalse();
        assertThat(EthereumChain.reverted(new IOException("connection refused")))
                .isFalse();
    }
}
