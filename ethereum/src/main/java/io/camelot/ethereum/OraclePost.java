package io.camelot.ethereum;

/**
 * What one oracle feed round put on chain with OracleResults.post.
 *
 * @param workerId the worker the value is kept under: readers name it, {@code
 *     latestResult(workerId, feedId)}
 * @param workOrderId the attested-oracle work order whose verified result carries the value
 * @param statement the worker-signed JSON statement whose {@code value} was posted
 */
public record OraclePost(String workerId, String workOrderId, String value, String statement) {}
