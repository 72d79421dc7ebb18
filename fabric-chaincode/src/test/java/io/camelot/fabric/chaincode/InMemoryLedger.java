package io.camelot.fabric.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.assertj.core.api.AbstractThrowableAssert;

/**
 * A one-peer world state in memory that runs the router's transactions as Fabric would: all or nothing,
 * with the last transaction's event kept for the test to read.
 */
final class InMemoryLedger implements Ledger {
    static final Caller ORG1_ADMIN = new Caller("Org1MSP", "x509::CN=Admin@org1::CN=ca.org1");
    static final Caller ORG1_USER = new Caller("Org1MSP", "x509::CN=User1@org1::CN=ca.org1");
    static final Caller ORG2_ADMIN = new Caller("Org2MSP", "x509::CN=Admin@org2::CN=ca.org2");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Router router = new Router();
    private TreeMap<String, String> state = new TreeMap<>();
    private Caller caller = ORG1_ADMIN;
    private String eventName;
    private JsonNode eventPayload;

    /** Runs one transaction as {@code as}; returns its result, or null when it has none. */
    JsonNode invoke(Caller as, String function, String... args) {
        TreeMap<String, String> before = new TreeMap<>(state);
        caller = as;
        eventName = null;
        eventPayload = null;
        try {
            String result = router.invoke(this, function, List.of(args));
            return result.isEmpty() ? null : JSON.readTree(result);
        } catch (RuntimeException e) {
            state = before;
            throw e;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts the transaction is refused and rolled back; for assertions on the message. */
    AbstractThrowableAssert<?, ? extends Throwable> assertRefused(Caller as, String function, String... args) {
        TreeMap<String, String> before = new TreeMap<>(state);
        var refusal = assertThatThrownBy(() -> invoke(as, function, args)).isInstanceOf(Refusal.class);
        assertThat(state).isEqualTo(before);
        return refusal;
    }

    String eventName() {
        return eventName;
    }

    JsonNode eventPayload() {
        return eventPayload;
    }

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(state.get(key));
    }

    @Override
    public void put(String key, String value) {
        state.put(key, value);
    }

    @Override
    public SortedMap<String, String> range(String prefix) {
        return state.subMap(prefix, Ledger.rangeEnd(prefix));
    }

    @Override
    public void event(String name, String payload) {
        eventName = name;
        try {
            eventPayload = JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Caller caller() {
        return caller;
    }
}
