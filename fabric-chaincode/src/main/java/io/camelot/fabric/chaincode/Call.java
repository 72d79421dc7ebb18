package io.camelot.fabric.chaincode;

import java.util.Arrays;
import java.util.List;

/** One invocation: the ledger and the function's arguments, read by parameter name. */
final class Call {
    private final Ledger ledger;
    private final Function function;
    private final List<String> args;

    Call(Ledger ledger, Function function, List<String> args) {
        Refusal.refuseUnless(
                args.size() == function.params().size(),
                function.name() + " takes " + function.params().size() + " arguments " + function.params() + ", got "
                        + args.size());
        this.ledger = ledger;
        this.function = function;
        this.args = args;
    }

    Ledger ledger() {
        return ledger;
    }

    Ledger.Caller caller() {
        return ledger.caller();
    }

    String text(String param) {
        return args.get(index(param));
    }

    /** A required (non-empty) text argument. */
    String id(String param) {
        String value = text(param);
        Refusal.refuseUnless(!value.isEmpty(), param + " is empty");
        return value;
    }

    long number(String param) {
        String value = text(param);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new Refusal(param + " must be a number, got '" + value + "'");
        }
    }

    /** A number within [min, max]. */
    int number(String param, int min, int max) {
        long value = number(param);
        Refusal.refuseUnless(value >= min && value <= max, param + " must be " + min + " to " + max + ", got " + value);
        return (int) value;
    }

    /** A comma-separated list, as Avalon's Fabric connector passes arrays; empty for "". */
    List<String> list(String param) {
        String value = text(param);
        return value.isEmpty() ? List.of() : Arrays.asList(value.split(",", -1));
    }

    /** A look-up's tag: 0 for the first page (the plain look-up has no tag parameter). */
    long lookUpTag() {
        return function.params().contains("lookUpTag") ? number("lookUpTag") : 0;
    }

    private int index(String param) {
        int index = function.params().indexOf(param);
        if (index < 0) {
            throw new IllegalArgumentException(function.name() + " has no parameter " + param);
        }
        return index;
    }
}
