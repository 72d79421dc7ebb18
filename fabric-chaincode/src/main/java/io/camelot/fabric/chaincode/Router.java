package io.camelot.fabric.chaincode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The four EEA registries behind one function-name router: their function names (Avalon's) do not
 * overlap, so one chaincode hosts them all.
 */
public final class Router {
    private final Map<String, Function> functions = new LinkedHashMap<>();

    public Router() {
        WorkerRegistry workers = new WorkerRegistry();
        WorkOrderRegistry workOrders = new WorkOrderRegistry(workers);
        Stream.of(
                        workers.functions(),
                        new RegistryList().functions(),
                        workOrders.functions(),
                        new ReceiptRegistry(workOrders, workers).functions())
                .flatMap(List::stream)
                .forEach(f -> functions.put(f.name(), f));
    }

    /**
     * Runs {@code function} in the transaction {@code ledger} gives.
     *
     * @return the result as JSON, or "" for a function with no result
     * @throws Refusal for an unknown function, bad arguments or a caller without the right
     */
    public String invoke(Ledger ledger, String function, List<String> args) {
        Function f = functions.get(function);
        if (f == null) {
            throw new Refusal("unknown function " + function);
        }
        Object result = f.handler().apply(new Call(ledger, f, args));
        return result == null ? "" : Table.json(result);
    }
}
