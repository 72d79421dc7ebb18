package io.camelot.fabric.chaincode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** The records of one kind, kept as JSON under one key prefix, with the EEA's paged look-ups. */
final class Table<T> {
    /** Ids per look-up page, as in the Solidity registries. */
    static final int PAGE_SIZE = 50;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String prefix;
    private final Class<T> type;
    private final String what;

    Table(String what, Class<T> type) {
        this.prefix = what + "/";
        this.type = type;
        this.what = what;
    }

    String what() {
        return what;
    }

    Optional<T> find(Ledger ledger, String id) {
        return ledger.get(prefix + id).map(json -> read(json, type));
    }

    T get(Ledger ledger, String id) {
        return find(ledger, id).orElseThrow(() -> new Refusal("unknown " + what + " " + id));
    }

    void put(Ledger ledger, String id, T value) {
        ledger.put(prefix + id, json(value));
    }

    /**
     * One page of the ids whose records match: {@code lookUpTag} is how many matches earlier pages held,
     * and the returned tag is 0 when no page follows.
     */
    LookUp lookUp(Ledger ledger, Predicate<T> matches, long lookUpTag) {
        Refusal.refuseUnless(lookUpTag >= 0, "lookUpTag must not be negative");
        List<String> page = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, String> entry : ledger.range(prefix).entrySet()) {
            if (!matches.test(read(entry.getValue(), type))) {
                continue;
            }
            if (total >= lookUpTag && page.size() < PAGE_SIZE) {
                page.add(entry.getKey().substring(prefix.length()));
            }
            total++;
        }
        long next = lookUpTag + page.size();
        return new LookUp(total, next < total ? next : 0, page);
    }

    static void emit(Ledger ledger, String event, Object payload) {
        ledger.event(event, json(payload));
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A look-up's answer: how many match in all, the tag of the next page (0: none) and this page. */
    record LookUp(long totalCount, long lookupTag, List<String> ids) {}

    /** A record that belongs to the organization that created it. */
    interface Owned {
        String ownerMspId();

        /** The record, if the caller's organization owns it; refused otherwise. */
        static <T extends Owned> T byCaller(Table<T> table, Call call, String id) {
            T record = table.get(call.ledger(), id);
            Refusal.refuseUnless(
                    record.ownerMspId().equals(call.caller().mspId()),
                    call.caller().mspId() + " is not the organization of " + table.what() + " " + id);
            return record;
        }
    }
}
