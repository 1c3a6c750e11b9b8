package org.samtal.privacy;

/**
 * The outcome of recomputing the access log's hash chain.
 * @param firstBrokenSeq the sequence number of the first entry that does not verify, or null when all do
 */
public record AccessLogVerification(boolean intact, long entriesChecked, Long firstBrokenSeq, String problem) {
}
