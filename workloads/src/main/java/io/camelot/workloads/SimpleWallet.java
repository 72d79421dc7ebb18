package io.camelot.workloads;

import io.camelot.workload.Item;
import io.camelot.workload.Workload;
import io.camelot.workload.WorkloadContext;
import io.camelot.workload.WorkloadException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongFunction;
import java.util.regex.Pattern;

/**
 * Avalon's {@code simple-wallet}: a ledger of named accounts. Each input item is one command and
 * gets its own output item at the same index, {@code "WALLET RESULT: "} followed by:
 *
 * <ul>
 *   <li>{@code deposit <acct> <amt>}: {@code <acct>::<balance>}, opening the account if new;
 *   <li>{@code withdraw <acct> <amt>}: {@code <acct>::<balance>}, or {@code No wallet details
 *       found}, or {@code No sufficient balance to withdraw. Available balance: <balance>};
 *   <li>{@code transfer <from> <to> <amt>}: {@code <from>::<balance>,<to>::<balance>}, or {@code
 *       Debitor wallet not found}, {@code No sufficient balance in debitor's account}, {@code
 *       Creditor wallet not found} (checked in that order);
 *   <li>{@code balance <acct>}: {@code <acct>::<balance>}, or {@code No wallet details found};
 *   <li>a wrong number of words: {@code Insufficient arguments supplied to perform wallet
 *       operation}; an amount that is not a positive integer: {@code Deposit|Withdraw|Transfer
 *       amount should be a positive value}.
 * </ul>
 *
 * <p>Commands run in order, each seeing the balances the previous ones left. A success names the
 * accounts ({@code ::}); no failure does, which is the rule {@code camelot submit --fail-on} uses
 * (docs/workloads.md). Additions to Avalon: the {@code balance} query (Avalon had none). Deviations
 * from Avalon, where its behaviour was a bug: balances are longs and a result above {@link
 * Long#MAX_VALUE} is refused with {@code Balance would exceed the maximum wallet balance} (Avalon
 * overflowed an {@code int}); an amount must be all decimal digits (Avalon read {@code "10abc"} as
 * 10); an unknown command answers {@code Invalid wallet operation} (Avalon answered nothing after
 * the prefix); a transfer to the same account leaves it unchanged (Avalon credited the amount on
 * top, creating money); the ledger lives in workload state (Avalon re-created its encrypted ledger
 * file, and key, on every start).
 *
 * <p>An account opened by a signed work order belongs to its requester key (review L11): only work
 * orders signed by that key withdraw from it, transfer from it or read its balance; anyone else gets
 * {@value #NOT_YOURS} (which names no account). Anyone may still pay into it, by deposit or
 * transfer, as in Avalon, but a transfer into another key's account answers {@code
 * <from>::<balance>,<to>} without that account's balance. An account opened unsigned stays open to every requester, as in Avalon.
 *
 * <p>Account {@code alice} is the resource {@code wallet:alice}: a work order declaring the
 * accounts it writes (docs/dependencies.md) runs concurrently with work orders on other accounts,
 * on any worker, and is refused any account it did not declare. Its accounts are its requester
 * key's own, as the locks are: the worker keeps declaring work orders' state under the key's scope.
 */
public final class SimpleWallet implements Workload {

    static final String NAME = "simple-wallet";
    static final String INSUFFICIENT_ARGUMENTS = "Insufficient arguments supplied to perform wallet operation";
    static final String NO_WALLET = "No wallet details found";
    static final String INVALID_OPERATION = "Invalid wallet operation";
    static final String BALANCE_OVERFLOW = "Balance would exceed the maximum wallet balance";

    static final String NOT_YOURS = "Wallet belongs to another requester key";

    private static final String BALANCE_KEY_PREFIX = NAME + "/balance/";
    private static final String OWNER_KEY_PREFIX = NAME + "/owner/";
    static final String RESOURCE_PREFIX = "wallet:";
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean stateful() {
        return true;
    }

    /** Each account (its balance and its owner) is the resource {@code wallet:<account>}. */
    @Override
    public Optional<String> resourceOf(String stateKey) {
        for (String prefix : List.of(BALANCE_KEY_PREFIX, OWNER_KEY_PREFIX)) {
            if (stateKey.startsWith(prefix)) {
                return Optional.of(RESOURCE_PREFIX + stateKey.substring(prefix.length()));
            }
        }
        return Optional.empty();
    }

    @Override
    public List<Item> process(List<Item> inputs, WorkloadContext context) {
        if (inputs.isEmpty()) {
            throw new WorkloadException(NAME + " needs at least one input item");
        }
        List<Item> outputs = new ArrayList<>(inputs.size());
        for (Item input : inputs) {
            outputs.add(Item.ofText(input.index(), "WALLET RESULT: " + execute(input.text(), context)));
        }
        return outputs;
    }

    static String balanceKey(String account) {
        return BALANCE_KEY_PREFIX + account;
    }

    private static String execute(String command, WorkloadContext context) {
        String trimmed = command.strip();
        if (trimmed.isEmpty()) {
            return INSUFFICIENT_ARGUMENTS;
        }
        String[] words = WHITESPACE.split(trimmed);
        return switch (words[0]) {
            case "deposit" -> withAmount(words, 3, "Deposit", amount -> deposit(context, words[1], amount));
            case "withdraw" -> withAmount(words, 3, "Withdraw", amount -> withdraw(context, words[1], amount));
            case "transfer" ->
                withAmount(words, 4, "Transfer", amount -> transfer(context, words[1], words[2], amount));
            case "balance" -> words.length == 2 ? balanceOf(context, words[1]) : INSUFFICIENT_ARGUMENTS;
            default -> INVALID_OPERATION;
        };
    }

    /** Checks the word count and the amount (the last word) before running the operation. */
    private static String withAmount(String[] words, int wordCount, String operation, LongFunction<String> action) {
        if (words.length != wordCount) {
            return INSUFFICIENT_ARGUMENTS;
        }
        OptionalLong amount = positiveAmount(words[wordCount - 1]);
        if (amount.isEmpty()) {
            return operation + " amount should be a positive value";
        }
        return action.apply(amount.getAsLong());
    }

    private static OptionalLong positiveAmount(String word) {
        if (!DIGITS.matcher(word).matches()) {
            return OptionalLong.empty();
        }
        try {
            long amount = Long.parseLong(word);
            return amount > 0 ? OptionalLong.of(amount) : OptionalLong.empty();
        } catch (NumberFormatException aboveLongRange) {
            return OptionalLong.empty();
        }
    }

    /** Anyone may pay in; a signed deposit that opens an account makes it its key's. */
    private static String deposit(WorkloadContext context, String account, long amount) {
        Optional<Long> balance = balance(context, account);
        OptionalLong credited = credit(balance.orElse(0L), amount);
        if (credited.isEmpty()) {
            return BALANCE_OVERFLOW;
        }
        if (balance.isEmpty()) {
            context.requesterKey()
                    .ifPresent(key ->
                            context.putState(OWNER_KEY_PREFIX + account, key.getBytes(StandardCharsets.US_ASCII)));
        }
        return setBalance(context, account, credited.getAsLong());
    }

    /**
     * Whether this work order may read or spend the account: any requester for an account opened
     * unsigned (as in Avalon), only the opening key for one a signed deposit opened.
     */
    private static boolean mayUse(WorkloadContext context, String account) {
        Optional<byte[]> owner = context.state(OWNER_KEY_PREFIX + account);
        return owner.isEmpty()
                || context.requesterKey()
                        .filter(key -> key.equals(new String(owner.get(), StandardCharsets.US_ASCII)))
                        .isPresent();
    }

    private static String balanceOf(WorkloadContext context, String account) {
        if (!mayUse(context, account)) {
            return NOT_YOURS;
        }
        return balance(context, account)
                .map(balance -> account + "::" + balance)
                .orElse(NO_WALLET);
    }

    private static String withdraw(WorkloadContext context, String account, long amount) {
        Optional<Long> balance = balance(context, account);
        if (balance.isEmpty()) {
            return NO_WALLET;
        }
        if (!mayUse(context, account)) {
            return NOT_YOURS;
        }
        if (balance.get() < amount) {
            return "No sufficient balance to withdraw. Available balance: " + balance.get();
        }
        return setBalance(context, account, balance.get() - amount);
    }

    private static String transfer(WorkloadContext context, String from, String to, long amount) {
        Optional<Long> fromBalance = balance(context, from);
        if (fromBalance.isEmpty()) {
            return "Debitor wallet not found";
        }
        if (!mayUse(context, from)) {
            return NOT_YOURS;
        }
        if (fromBalance.get() < amount) {
            return "No sufficient balance in debitor's account";
        }
        Optional<Long> toBalance = balance(context, to);
        if (toBalance.isEmpty()) {
            return "Creditor wallet not found";
        }
        if (from.equals(to)) {
            return from + "::" + fromBalance.get() + "," + to + "::" + toBalance.get();
        }
        // Checked before either write, so a refused transfer leaves both balances alone.
        OptionalLong credited = credit(toBalance.get(), amount);
        if (credited.isEmpty()) {
            return BALANCE_OVERFLOW;
        }
        String debited = setBalance(context, from, fromBalance.get() - amount);
        String creditedTo = setBalance(context, to, credited.getAsLong());
        // Another key's account: paying into it must not tell its balance.
        return debited + "," + (mayUse(context, to) ? creditedTo : to);
    }

    /** The balance plus the amount, or empty if that exceeds {@link Long#MAX_VALUE}. */
    private static OptionalLong credit(long balance, long amount) {
        try {
            return OptionalLong.of(Math.addExact(balance, amount));
        } catch (ArithmeticException overflow) {
            return OptionalLong.empty();
        }
    }

    private static Optional<Long> balance(WorkloadContext context, String account) {
        return LongState.read(context, balanceKey(account));
    }

    /** Writes the balance and answers {@code <account>::<balance>}. */
    private static String setBalance(WorkloadContext context, String account, long balance) {
        LongState.write(context, balanceKey(account), balance);
        return account + "::" + balance;
    }
}
