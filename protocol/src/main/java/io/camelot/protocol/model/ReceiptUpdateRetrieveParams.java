package io.camelot.protocol.model;

/**
 * WorkOrderReceiptUpdateRetrieve params. {@code updaterId} may be null or absent (the Avalon
 * generic client sends null) to match any updater; {@code updateIndex} is 1-based and {@link
 * #LAST_UPDATE} selects the latest.
 */
public record ReceiptUpdateRetrieveParams(String workOrderId, String updaterId, Long updateIndex) {
    public static final long LAST_UPDATE = 1L << 32;
}
