package io.camelot.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camelot.workload.ExternalIo;
import io.camelot.workload.Item;
import io.camelot.workload.WorkloadException;
import io.camelot.workloads.HeartDiseaseEval;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

class WasmExamplesTest {
    static final WasmRunner RUNNER = new WasmRunner(new WasmLimits(500_000_000, 64, Duration.ofMinutes(2)));
    final TestModules.Context context = new TestModules.Context(ExternalIo.NONE);

    static List<Item> items(List<String> texts) {
        List<Item> items = new ArrayList<>();
        for (String text : texts) {
            items.add(Item.ofText(items.size(), text));
        }
        return items;
    }

    List<String> run(String example, List<String> inputs) {
        WasmBinary binary = WasmBinary.parse(WasmCatalog.example(example));
        return RUNNER.run(binary, items(inputs), context).stream()
                .map(Item::text)
                .toList();
    }

    @Test
    void theCatalogListsTheBuiltExamples() {
        assertThat(WasmCatalog.exampleNames())
                .containsExactly("wasm-echo", "wasm-heart-disease-eval", "wasm-sealed-bid-auction");
    }

    @Test
    void heartDiseaseEvalAgreesWithAvalonsExpectedRisks() {
        assertThat(run(
                        "wasm-heart-disease-eval",
                        List.of(
                                "Data: 25 10 1 67 102 125 1 95 5 10 1 11 36 1",
                                "Data: 32 1 1 156 132 125 1 95 1 0 1 1 3 1",
                                "Data: 17 0 4 100 100 90 0 61 0 -1 1 3 8 0",
                                "Data: 100 1 1 218 309 248 2 259 1 100 0 0 0 1")))
                .containsExactly(
                        "You have a 47% risk of heart disease",
                        "You have a 71% risk of heart disease",
                        "You have a 0% risk of heart disease",
                        "You have a 98% risk of heart disease");
    }

    @Test
    void heartDiseaseEvalRejectsBadInputAsTheJavaWorkloadDoes() {
        assertThat(run(
                        "wasm-heart-disease-eval",
                        List.of(
                                "no colon",
                                "Data: 1 2 3",
                                "Data: 1 2 3 4 5 6 7 8 9 10 11 12 13 x4",
                                "Data: 1 2 3 4 5 6 7 8 9 10 11 12 13 2147483648",
                                "Data: 1 2 3 4 5 6 7 8 9 10 11 12 13 -")))
                .containsExactly(
                        "Error with missing or incorrect input format",
                        "Error with missing or incorrect input format",
                        "Invalid data found in input data",
                        "Invalid data found in input data",
                        "Invalid data found in input data");
    }

    /** Random factor vectors across every scoring branch: WASM and Java give the same answer. */
    @Test
    void heartDiseaseEvalMatchesTheJavaWorkloadOnRandomPatients() {
        Random random = new Random(20261121);
        List<String> inputs = new ArrayList<>();
        for (int n = 0; n < 400; n++) {
            StringJoiner data = new StringJoiner(" ", "Data: ", "");
            for (int i = 0; i < 14; i++) {
                data.add(Integer.toString(random.nextInt(-5, 320)));
            }
            inputs.add(data.toString());
        }
        List<String> wasm = run("wasm-heart-disease-eval", inputs);
        HeartDiseaseEval java = new HeartDiseaseEval();
        List<String> expected = inputs.stream()
                .map(input -> java.process(List.of(Item.ofText(0, input)), context)
                        .getFirst()
                        .text())
                .toList();
        assertThat(wasm).containsExactlyElementsOf(expected);
    }

    @Test
    void theAuctionWinnerPaysTheSecondHighestBid() {
        assertThat(run("wasm-sealed-bid-auction", List.of("alice:120", "bob:175", "carol:150")))
                .containsExactly("winner bob pays 150");
        assertThat(run("wasm-sealed-bid-auction", List.of("alice:100", "bob:100")))
                .containsExactly("winner alice pays 100");
    }

    @Test
    void theAuctionRefusesMalformedBidsAndLoneBidders() {
        assertThatThrownBy(() -> run("wasm-sealed-bid-auction", List.of("alice:12x", "bob:1")))
                .isInstanceOf(WorkloadException.class)
                .hasMessageStartingWith("every bid must be <bidder>:<whole amount>");
        assertThatThrownBy(() -> run("wasm-sealed-bid-auction", List.of(":5", "bob:1")))
                .hasMessageStartingWith("every bid must be");
        assertThatThrownBy(() -> run("wasm-sealed-bid-auction", List.of("alice:5")))
                .hasMessage("an auction needs at least two bids");
    }
}
