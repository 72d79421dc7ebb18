package io.camelot.protocol.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * Camelot's optional {@code dependencies} extension of WorkOrderSubmit (docs/dependencies.md).
 * Avalon clients never send it, and a request without it is hashed, scheduled and answered exactly
 * as before.
 *
 * @param after ids of work orders that must complete successfully before this one runs
 * @param reads named resources this work order reads (shared with other readers)
 * @param writes named resources this work order writes (exclusive); a resource in both lists is a
 *     write
 * @param inputFrom inData items to be filled, inside the worker, with a predecessor's output
 */
@JsonPropertyOrder({"after", "reads", "writes", "inputFrom"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Dependencies(List<String> after, List<String> reads, List<String> writes, List<HandOff> inputFrom) {

    /**
     * The successor's inData item {@code index} (sent with empty {@code data}) receives output item
     * {@code outputIndex} of predecessor {@code workOrderId}, which must also be listed in {@code
     * after}.
     */
    @JsonPropertyOrder({"index", "workOrderId", "outputIndex"})
    public record HandOff(Integer index, String workOrderId, Integer outputIndex) {}

    public List<String> afterIds() {
        return after == null ? List.of() : after;
    }

    public List<String> readResources() {
        return reads == null ? List.of() : reads;
    }

    public List<String> writeResources() {
        return writes == null ? List.of() : writes;
    }

    public List<HandOff> handOffs() {
        return inputFrom == null ? List.of() : inputFrom;
    }

    /** True if the work order names any resource (and so is serialised by resource locks). */
    public boolean hasResources() {
        return !readResources().isEmpty() || !writeResources().isEmpty();
    }

    /**
     * The text whose SHA-256 joins the request hash. Every element has passed {@link
     * io.camelot.protocol.Params}, so none contains the separators {@code , ; =} or a newline, and
     * the encoding is unambiguous.
     */
    public String canonicalText() {
        StringBuilder text = new StringBuilder();
        text.append("after=").append(String.join(",", afterIds()));
        text.append("\nreads=").append(String.join(",", readResources()));
        text.append("\nwrites=").append(String.join(",", writeResources()));
        text.append("\ninputFrom=");
        List<HandOff> handOffs = handOffs();
        for (int i = 0; i < handOffs.size(); i++) {
            HandOff h = handOffs.get(i);
            if (i > 0) {
                text.append(',');
            }
            text.append(h.index())
                    .append(';')
                    .append(h.workOrderId())
                    .append(';')
                    .append(h.outputIndex());
        }
        return text.toString();
    }
}
