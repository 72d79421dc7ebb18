package io.camelot.listener.methods;

import io.camelot.protocol.model.LookUpResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * One page of a worker or receipt lookup (security review L5): at most {@link #SIZE} matching ids
 * after the tag, in key order. Ids come from the store's key index in batches of {@link #SIZE}, and
 * only those batches' records are read, so a call costs a page, not the whole table, and the client
 * follows {@code lookupTag} (the last id returned) with the method's Next for the rest.
 */
public final class LookUpPage {
    /** The most ids one lookup returns. */
    public static final int SIZE = 100;

    private LookUpPage() {}

    /** A store's ids after an id, at most a number of them, in key order. */
    @FunctionalInterface
    interface Ids {
        List<String> after(String afterId, int limit);
    }

    /**
     * The first {@link #SIZE} ids after {@code afterTag} (null or empty: from the first) that
     * {@code matches} accepts. Ids after the tag are selected in key order, so paging holds even if
     * the tag's own entry was since removed.
     */
    static LookUpResult after(Ids ids, String afterTag, Predicate<String> matches) {
        List<String> page = new ArrayList<>();
        String cursor = afterTag;
        while (true) {
            List<String> batch = ids.after(cursor, SIZE);
            for (String id : batch) {
                if (matches.test(id)) {
                    page.add(id);
                    if (page.size() == SIZE) {
                        return LookUpResult.of(page);
                    }
                }
            }
            if (batch.size() < SIZE) {
                return LookUpResult.of(page);
            }
            cursor = batch.getLast();
        }
    }
}
