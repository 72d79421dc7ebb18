package io.camelot.protocol.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * WorkerLookUp / WorkerLookUpNext filters; every filter is optional and an empty object matches all
 * workers. The Avalon SDK sends the paging tag as {@code lookUpTag}; Avalon's listener read {@code
 * lookupTag}: both are accepted.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkerLookUpParams(
        Integer workerType, String organizationId, String applicationTypeId, String lookUpTag, String lookupTag) {

    /** The paging tag under either spelling, or null. */
    public String tag() {
        return lookUpTag != null ? lookUpTag : lookupTag;
    }
}
