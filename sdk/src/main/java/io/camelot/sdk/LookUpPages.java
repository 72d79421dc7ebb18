package io.camelot.sdk;

import io.camelot.protocol.model.LookUpResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Follows a lookup's pages until the tag is empty or stops moving. A page may be empty while the tag
 * moves on: the proxy-model contracts scan a bounded number of entries per call.
 */
public final class LookUpPages {
    private LookUpPages() {}

    /** The ids of every page, in order and without repeats. */
    public static List<String> collect(Supplier<LookUpResult> first, Function<String, LookUpResult> next) {
        LookUpResult page = first.get();
        Set<String> ids = new LinkedHashSet<>(idsOf(page));
        String tag = page.lookupTag();
        while (tag != null && !tag.isEmpty()) {
            page = next.apply(tag);
            ids.addAll(idsOf(page));
            if (Objects.equals(page.lookupTag(), tag)) {
                break;
            }
            tag = page.lookupTag();
        }
        return new ArrayList<>(ids);
    }

    private static List<String> idsOf(LookUpResult page) {
        return page.ids() == null ? List.of() : page.ids();
    }
}
