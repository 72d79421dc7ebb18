package io.camelot.sdk;

import io.camelot.protocol.envelope.PlainItem;
import io.camelot.protocol.model.WorkOrderResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A verified work order result and its decrypted outputs (by wire index). Outputs encrypted under
 * another party's data key are not among them; their owner opens them from {@code result}.
 */
public record WorkOrderOutcome(WorkOrderResult result, List<PlainItem> outputs) {

    public WorkOrderOutcome {
        outputs = List.copyOf(outputs);
    }

    /**
     * @throws NoSuchElementException if no decrypted output has that index
     */
    public byte[] bytes(int index) {
        return outputs.stream()
                .filter(item -> item.index() == index)
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("no decrypted output with index " + index))
                .data();
    }

    /** The output at {@code index} as UTF-8 text. */
    public String text(int index) {
        return new String(bytes(index), StandardCharsets.UTF_8);
    }
}
