// SPDX-License-Identifier: Apache-2.0
package dev.ior.testdata.diff;

import java.util.List;
import java.util.Random;

/**
 * The random choices a step makes, as C expressions: fd slots, literal fds, file names. One
 * instance per program, seeded, so a seed always gives the same program.
 */
final class Choice {
  /**
   * Plain names (no symlink, no "..", no "//") in the working tree the prelude creates, plus some
   * that do not exist yet. Symlinks and odd spellings belong to kind OPEN alone, so that a
   * mismatch they cause is not reported under every other kind.
   */
  static final List<String> FILES = List.of("f0", "f1", "f2", "d0/f0", "d1/f1", "n0", "n1",
      "d0/n2");
  /** Names that reach a file through a symlink or a spelling the kernel normalises. */
  static final List<String> ODD_FILES = List.of("l0", "ld/f0", "labs", "d0/../f1", "./f2",
      "d0//f0", "ld/../f0", "s9/../f0");
  private final Random random;
  private int functions;

  Choice(long seed) {
    random = new Random(seed);
  }

  int nextInt(int bound) {
    return random.nextInt(bound);
  }

  boolean chance(int percent) {
    return random.nextInt(100) < percent;
  }

  <T> T pick(List<T> from) {
    return from.get(random.nextInt(from.size()));
  }

  @SafeVarargs
  final <T> T pick(T... from) {
    return from[random.nextInt(from.length)];
  }

  /** A slot {@code F[k]}: an fd some step stored, or -1. */
  String slot() {
    return "F[" + random.nextInt(8) + "]";
  }

  /** An fd expression: mostly a slot, sometimes a literal fd 0..11 (what the table holds). */
  String fd() {
    return chance(75) ? slot() : Integer.toString(random.nextInt(12));
  }

  /** A relative file name as a C string literal. */
  String file() {
    return '"' + pick(FILES) + '"';
  }

  /** A name reached through a symlink or an odd spelling, as a C string literal. */
  String oddFile() {
    return '"' + pick(ODD_FILES) + '"';
  }

  /** A unique C function name for a step's helper. */
  String function(String prefix) {
    return prefix + (functions++);
  }
}
