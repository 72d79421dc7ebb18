package io.camelot.protocol.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** Result of the worker and receipt lookups: {@code lookupTag} is the last id returned, or "". */
@JsonPropertyOrder({"totalCount", "lookupTag", "ids"})
public record LookUpResult(int totalCount, String lookupTag, List<String> ids) {

    public static LookUpResult of(List<String> ids) {
        return new LookUpResult(ids.size(), ids.isEmpty() ? "" : ids.getLast(), ids);
    }
}
