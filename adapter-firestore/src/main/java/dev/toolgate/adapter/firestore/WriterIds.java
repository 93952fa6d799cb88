package dev.toolgate.adapter.firestore;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Ids of the writers in one database: a gateway process's usage documents and each of its audit
 * chains. Made of the start time and random letters ({@code w-20261208T001500Z-k3j9x2ab}), so that
 * a restarted or second process never takes another's id, and an id says when its writer started.
 * Nothing secret: ids name documents anyone with database access can list.
 */
final class WriterIds {
  private static final DateTimeFormatter STARTED =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final char[] LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private WriterIds() {}

  /** A new id; 36^8 random suffixes make two equal ids within one second practically impossible. */
  static String next(Clock clock) {
    StringBuilder id = new StringBuilder("w-").append(STARTED.format(clock.instant())).append('-');
    for (int i = 0; i < 8; i++) {
      id.append(LETTERS[RANDOM.nextInt(LETTERS.length)]);
    }
    return id.toString();
  }
}
