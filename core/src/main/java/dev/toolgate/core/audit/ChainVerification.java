package dev.toolgate.core.audit;

/**
 * The result of checking the audit chain end to end.
 *
 * @param valid whether every record's hash and link are intact and seqs have no gaps
 * @param checked how many records were checked
 * @param firstBadSeq the seq of the first broken record, or null when valid
 * @param problem what is wrong with it, or null when valid
 */
public record ChainVerification(boolean valid, long checked, Long firstBadSeq, String problem) {}
