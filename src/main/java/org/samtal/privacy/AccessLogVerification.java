package org.samtal.privacy;

/**
 * The outcome of recomputing the access log's hash chain.
 * @param firstBrokenSeq the sequence number of the first entry that does not verify, or null when all do
 * @param problem what is wrong, in English; null when intact
 * @param problemCode the same for translation, as {@code verify.problem.<code>} with {@code problemArgs}
 */
public record AccessLogVerification(boolean intact, long entriesChecked, Long firstBrokenSeq, String problem,
		String problemCode, java.util.List<String> problemArgs) {
}
