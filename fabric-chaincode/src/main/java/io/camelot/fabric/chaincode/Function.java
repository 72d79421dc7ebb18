package io.camelot.fabric.chaincode;

import java.util.List;

/**
 * One chaincode function: its name, its parameters' names (all arguments are strings) and what it does.
 * The handler's result is returned as JSON; null means no payload.
 */
record Function(String name, List<String> params, Handler handler) {

    /** {@code signature}: the function's name, then its parameters' names, separated by spaces. */
    static Function of(String signature, Handler handler) {
        List<String> words = List.of(signature.split(" "));
        return new Function(words.getFirst(), words.subList(1, words.size()), handler);
    }

    interface Handler {
        Object apply(Call call);
    }
}
