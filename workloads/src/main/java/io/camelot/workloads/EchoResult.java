package io.camelot.workloads;

import io.camelot.workload.Item;
import io.camelot.workload.Workload;
import io.camelot.workload.WorkloadContext;
import io.camelot.workload.WorkloadException;
import java.util.List;

/**
 * Avalon's {@code echo-result}: answers each input item with {@code "RESULT: " + text} at the same
 * index.
 */
public final class EchoResult implements Workload {

    static final String NAME = "echo-result";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Item> process(List<Item> inputs, WorkloadContext context) {
        if (inputs.isEmpty()) {
            throw new WorkloadException(NAME + " needs at least one input item");
        }
        return inputs.stream()
                .map(input -> Item.ofText(input.index(), "RESULT: " + input.text()))
                .toList();
    }
}
