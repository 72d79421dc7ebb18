package io.camelot.workloads;

import static io.camelot.workloads.SimpleWallet.BALANCE_OVERFLOW;
import static io.camelot.workloads.SimpleWallet.INSUFFICIENT_ARGUMENTS;
import static io.camelot.workloads.SimpleWallet.INVALID_OPERATION;
import static org.assertj.core.api.Assertions.assertThat;

import io.camelot.workload.Item;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SimpleWalletTest {

    private static final String MAX = Long.toString(Long.MAX_VALUE);

    private final SimpleWallet wallet = new SimpleWallet();
    private final InMemoryWorkloadContext context = new InMemoryWorkloadContext();

    @Test
    void depositOpensAnAccountAndAddsToIt() {
        assertThat(context.submit(wallet, "deposit alice 100")).containsExactly("WALLET RESULT: alice::100");
        assertThat(context.submit(wallet, "deposit alice 25")).containsExactly("WALLET RESULT: alice::125");
    }

    @Test
    void anAccountASignedDepositOpenedIsSpentAndReadOnlyByThatKey() {
        context.signedBy("ALICE");
        assertThat(context.submit(wallet, "deposit alice 100")).containsExactly("WALLET RESULT: alice::100");

        context.signedBy("MALLORY");
        assertThat(context.submit(
                        wallet, "withdraw alice 10", "transfer alice mallory 10", "balance alice", "deposit mallory 1"))
                .containsExactly(
                        "WALLET RESULT: " + SimpleWallet.NOT_YOURS,
                        "WALLET RESULT: " + SimpleWallet.NOT_YOURS,
                        "WALLET RESULT: " + SimpleWallet.NOT_YOURS,
                        "WALLET RESULT: mallory::1");
        // Paying in is open to anyone, without learning the balance.
        assertThat(context.submit(wallet, "transfer mallory alice 1"))
                .containsExactly("WALLET RESULT: mallory::0,alice");
        context.signedBy(null);
        assertThat(context.submit(wallet, "withdraw alice 1", "deposit alice 1"))
                .containsExactly("WALLET RESULT: " + SimpleWallet.NOT_YOURS, "WALLET RESULT: alice::102");

        context.signedBy("ALICE");
        assertThat(context.submit(wallet, "withdraw alice 2", "balance alice"))
                .containsExactly("WALLET RESULT: alice::100", "WALLET RESULT: alice::100");
    }

    @Test
    void anAccountOpenedUnsignedStaysOpenToEveryRequesterAsInAvalon() {
        context.submit(wallet, "deposit shared 10");
        context.signedBy("ANYONE");
        assertThat(context.submit(wallet, "withdraw shared 4")).containsExactly("WALLET RESULT: shared::6");
    }

    @Test
    void withdrawDeductsDownToZero() {
        context.submit(wallet, "deposit alice 100");

        assertThat(context.submit(wallet, "withdraw alice 40", "withdraw alice 60"))
                .containsExactly("WALLET RESULT: alice::60", "WALLET RESULT: alice::0");
    }

    @Test
    void withdrawRefusesMoreThanTheBalance() {
        context.submit(wallet, "deposit alice 100");

        assertThat(context.submit(wallet, "withdraw alice 101"))
                .containsExactly("WALLET RESULT: No sufficient balance to withdraw. Available balance: 100");
        assertThat(context.submit(wallet, "withdraw alice 100")).containsExactly("WALLET RESULT: alice::0");
    }

    @Test
    void withdrawNeedsAnExistingAccount() {
        assertThat(context.submit(wallet, "withdraw carol 1"))
                .containsExactly("WALLET RESULT: No wallet details found");
    }

    @Test
    void balanceAnswersTheBalanceAndWritesNothing() {
        context.submit(wallet, "deposit alice 100", "withdraw alice 100", "deposit bob 7");

        assertThat(context.submit(wallet, "balance alice", "balance bob", "balance carol"))
                .containsExactly(
                        "WALLET RESULT: alice::0", "WALLET RESULT: bob::7", "WALLET RESULT: No wallet details found");
        assertThat(context.submit(wallet, "withdraw carol 1"))
                .as("a balance query opens no account")
                .containsExactly("WALLET RESULT: No wallet details found");
    }

    @Test
    void everyFailureAndNoSuccessMatchesTheDocumentedFailOnPattern() {
        // docs/workloads.md: `camelot submit --workload simple-wallet --fail-on 'RESULT: (?!.*::)'`.
        Pattern failure = Pattern.compile("RESULT: (?!.*::)");
        context.submit(wallet, "deposit alice 10", "deposit bob " + MAX);
        List<String> failures = context.submit(
                wallet,
                "",
                "steal alice 1",
                "deposit alice 0",
                "withdraw alice x",
                "transfer alice bob 0",
                "withdraw carol 1",
                "withdraw alice 11",
                "transfer carol alice 1",
                "transfer alice bob 11",
                "transfer alice carol 1",
                "transfer alice bob 1",
                "deposit bob 1",
                "balance carol");
        List<String> successes = context.submit(
                wallet,
                "deposit alice 1",
                "withdraw alice 1",
                "transfer bob alice 1",
                "transfer alice alice 1",
                "balance alice");

        assertThat(failures).allMatch(text -> failure.matcher(text).find(), "a failure");
        assertThat(successes).noneMatch(text -> failure.matcher(text).find(), "a failure");
    }

    @Test
    void transferMovesTheAmountBetweenAccounts() {
        context.submit(wallet, "deposit alice 100", "deposit bob 100");

        assertThat(context.submit(wallet, "transfer alice bob 50"))
                .containsExactly("WALLET RESULT: alice::50,bob::150");
        assertThat(context.submit(wallet, "transfer bob alice 150"))
                .containsExactly("WALLET RESULT: bob::0,alice::200");
    }

    @Test
    void transferChecksDebitorThenBalanceThenCreditor() {
        context.submit(wallet, "deposit alice 10");

        assertThat(context.submit(
                        wallet, "transfer carol alice 1", "transfer alice carol 11", "transfer alice carol 10"))
                .containsExactly(
                        "WALLET RESULT: Debitor wallet not found",
                        "WALLET RESULT: No sufficient balance in debitor's account",
                        "WALLET RESULT: Creditor wallet not found");
    }

    @Test
    void transferToTheSameAccountLeavesItUnchanged() {
        context.submit(wallet, "deposit alice 100");

        assertThat(context.submit(wallet, "transfer alice alice 60", "withdraw alice 100"))
                .containsExactly("WALLET RESULT: alice::100,alice::100", "WALLET RESULT: alice::0");
    }

    @Test
    void refusedOperationsWriteNothing() {
        context.submit(wallet, "deposit alice 10", "deposit bob " + MAX);

        context.process(
                wallet,
                "withdraw alice 11",
                "withdraw carol 1",
                "transfer alice bob 1",
                "transfer alice carol 1",
                "deposit alice -1",
                "balance alice");

        assertThat(context.pendingKeys()).isEmpty();
    }

    @Test
    void refusesADepositThatWouldOverflow() {
        context.submit(wallet, "deposit alice " + MAX);

        assertThat(context.submit(wallet, "deposit alice 1")).containsExactly("WALLET RESULT: " + BALANCE_OVERFLOW);
        assertThat(context.submit(wallet, "withdraw alice 1"))
                .containsExactly("WALLET RESULT: alice::" + (Long.MAX_VALUE - 1));
    }

    @Test
    void refusesATransferThatWouldOverflowTheCreditorAndKeepsTheDebitorWhole() {
        context.submit(wallet, "deposit alice 10", "deposit bob " + MAX);

        assertThat(context.submit(wallet, "transfer alice bob 1", "withdraw alice 10"))
                .containsExactly("WALLET RESULT: " + BALANCE_OVERFLOW, "WALLET RESULT: alice::0");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
          deposit alice 0                      | Deposit amount should be a positive value
          deposit alice -5                     | Deposit amount should be a positive value
          deposit alice +5                     | Deposit amount should be a positive value
          deposit alice ten                    | Deposit amount should be a positive value
          deposit alice 10abc                  | Deposit amount should be a positive value
          deposit alice 1.5                    | Deposit amount should be a positive value
          deposit alice 9223372036854775808    | Deposit amount should be a positive value
          withdraw alice 0                     | Withdraw amount should be a positive value
          withdraw alice x                     | Withdraw amount should be a positive value
          transfer alice bob -1                | Transfer amount should be a positive value
          transfer alice bob 99999999999999999999 | Transfer amount should be a positive value
          """)
    void refusesAmountsThatAreNotPositiveLongs(String command, String answer) {
        context.submit(wallet, "deposit alice 100", "deposit bob 100");

        assertThat(context.submit(wallet, command)).containsExactly("WALLET RESULT: " + answer);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "deposit",
                "deposit alice",
                "deposit alice 1 2",
                "withdraw alice",
                "transfer alice bob",
                "transfer alice bob carol 1",
                "balance",
                "balance alice bob"
            })
    void refusesAWrongNumberOfWords(String command) {
        assertThat(context.submit(wallet, command)).containsExactly("WALLET RESULT: " + INSUFFICIENT_ARGUMENTS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Balance alice", "Deposit alice 1", "steal bob 100"})
    void refusesUnknownOperations(String command) {
        assertThat(context.submit(wallet, command)).containsExactly("WALLET RESULT: " + INVALID_OPERATION);
    }

    @Test
    void answersEachItemAtItsIndexAfterTheItemsBeforeIt() {
        List<Item> outputs = wallet.process(
                List.of(
                        Item.ofText(2, "deposit alice 100"),
                        Item.ofText(5, "transfer alice bob 1"),
                        Item.ofText(9, "deposit bob 5"),
                        Item.ofText(11, "transfer alice bob 30")),
                context);

        assertThat(outputs).extracting(Item::index).containsExactly(2, 5, 9, 11);
        assertThat(outputs)
                .extracting(Item::text)
                .containsExactly(
                        "WALLET RESULT: alice::100",
                        "WALLET RESULT: Creditor wallet not found",
                        "WALLET RESULT: bob::5",
                        "WALLET RESULT: alice::70,bob::35");
    }

    @Test
    void toleratesExtraWhitespace() {
        assertThat(context.submit(wallet, "  deposit \t alice   100 \n")).containsExactly("WALLET RESULT: alice::100");
    }

    @Test
    void balancesSurviveARestartButNotADiscardedWorkOrder() {
        context.submit(wallet, "deposit alice 100");
        context.process(wallet, "withdraw alice 100");
        context.discard();

        SimpleWallet restarted = new SimpleWallet();
        assertThat(context.submit(restarted, "deposit alice 1")).containsExactly("WALLET RESULT: alice::101");
        assertThat(context.committedText(SimpleWallet.balanceKey("alice"))).contains("101");
    }

    @Test
    void randomTransfersNeitherCreateNorDestroyMoney() {
        List<String> accounts = List.of("alice", "bob", "carol", "dave");
        for (String account : accounts) {
            context.submit(wallet, "deposit " + account + " 1000");
        }
        Random random = new Random(20240611L);
        for (int order = 0; order < 200; order++) {
            String from = accounts.get(random.nextInt(accounts.size()));
            String to = accounts.get(random.nextInt(accounts.size()));
            context.submit(wallet, "transfer " + from + " " + to + " " + (1 + random.nextInt(1500)));
        }

        List<Long> balances = accounts.stream()
                .map(account ->
                        context.committedText(SimpleWallet.balanceKey(account)).orElseThrow())
                .map(Long::parseLong)
                .toList();
        assertThat(balances).allSatisfy(balance -> assertThat(balance).isNotNegative());
        assertThat(balances.stream().mapToLong(Long::longValue).sum()).isEqualTo(4000);
    }
}
