package io.camelot.ethereum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProxyContractsTest {
    private static final String A = "0x" + "a1".repeat(20);
    private static final String B = "0x" + "b2".repeat(20);
    private static final String C = "0x" + "c3".repeat(20);
    private static final String D = "0x" + "d4".repeat(20);
    private static final String E = "0x" + "e5".repeat(20);

    @TempDir
    Path dir;

    @Test
    void theFiveAddressesSurviveSaveAndLoad() {
        Path file = dir.resolve("contracts.json");
        ProxyContracts contracts = new ProxyContracts(A, B, C, D, E);
        contracts.save(file);
        assertThat(ProxyContracts.load(file)).isEqualTo(contracts);
    }

    @Test
    void aFileFromBeforeOracleResultsStillLoadsAndSaysWhatIsMissingWhenAnOracleNeedsIt() throws Exception {
        Path file = Files.writeString(
                dir.resolve("contracts.json"),
                "{\"workerRegistryList\":\""
                        + A
                        + "\",\"workerRegistry\":\""
                        + B
                        + "\",\"workOrderRegistry\":\""
                        + C
                        + "\",\"receiptRegistry\":\""
                        + D
                        + "\"}");
        ProxyContracts contracts = ProxyContracts.load(file);
        assertThat(contracts.workOrderRegistry()).isEqualTo(C);
        assertThat(contracts.oracleResults()).isNull();
        // No node is reached: the missing address is reported first.
        try (Chain chain = Chain.connect(ChainSettings.of("http://127.0.0.1:1", 1337, DevChain.KEYS.getFirst()))) {
            assertThatThrownBy(() -> contracts.oracleResults(chain))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no oracleResults");
        }
    }
}
