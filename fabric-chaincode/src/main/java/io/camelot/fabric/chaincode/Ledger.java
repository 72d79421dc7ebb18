package io.camelot.fabric.chaincode;

import java.util.Optional;
import java.util.SortedMap;

/** What the registries need of one transaction: its world state, its event and its creator. */
public interface Ledger {

    Optional<String> get(String key);

    void put(String key, String value);

    /** The entries whose keys start with {@code prefix}, in key order. */
    SortedMap<String, String> range(String prefix);

    /** Sets the transaction's chaincode event (Fabric keeps one per transaction). */
    void event(String name, String payload);

    /** The transaction creator's identity. */
    Caller caller();

    /**
     * A creator: its organization's MSP id and, within it, the shim's certificate id
     * ({@code x509::<subject>::<issuer>}).
     */
    record Caller(String mspId, String id) {}

    /** The first key after every key starting with {@code prefix}, for range queries. */
    static String rangeEnd(String prefix) {
        int last = prefix.length() - 1;
        return prefix.substring(0, last) + (char) (prefix.charAt(last) + 1);
    }
}
