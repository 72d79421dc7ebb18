package io.camelot.fabric.chaincode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.hyperledger.fabric.contract.ClientIdentity;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;

/** The ledger of one transaction on a peer. */
final class StubLedger implements Ledger {
    private final ChaincodeStub stub;

    StubLedger(ChaincodeStub stub) {
        this.stub = stub;
    }

    @Override
    public Optional<String> get(String key) {
        byte[] value = stub.getState(key);
        return value == null || value.length == 0
                ? Optional.empty()
                : Optional.of(new String(value, StandardCharsets.UTF_8));
    }

    @Override
    public void put(String key, String value) {
        stub.putState(key, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public SortedMap<String, String> range(String prefix) {
        SortedMap<String, String> entries = new TreeMap<>();
        try (QueryResultsIterator<KeyValue> results = stub.getStateByRange(prefix, Ledger.rangeEnd(prefix))) {
            results.forEach(kv -> entries.put(kv.getKey(), kv.getStringValue()));
        } catch (Exception e) {
            throw new IllegalStateException("range query " + prefix + " failed", e);
        }
        return entries;
    }

    @Override
    public void event(String name, String payload) {
        stub.setEvent(name, payload.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Caller caller() {
        try {
            ClientIdentity identity = new ClientIdentity(stub);
            return new Caller(identity.getMSPID(), identity.getId());
        } catch (CertificateException e) {
            throw new Refusal("the creator's certificate is unreadable: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
