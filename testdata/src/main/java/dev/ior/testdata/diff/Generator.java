// SPDX-License-Identifier: Apache-2.0
package dev.ior.testdata.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * Seeded, reproducible programs over the grammar of {@link Kind}s. A seed selects its kind
 * ({@code kinds[seed mod n]}) and every random choice; the program opens a few files first,
 * then mixes 2..4 steps of its kind with plain opens and I/O (which show the names), and ends
 * with I/O on every slot so that any wrong name left in a table shows.
 */
public final class Generator {
  private final List<Kind> kinds;

  /** A generator over {@code kinds} (all kinds when empty). */
  public Generator(List<Kind> kinds) {
    this.kinds = kinds.isEmpty() ? List.of(Kind.values()) : List.copyOf(kinds);
  }

  /** The kind seed {@code seed} selects. */
  public Kind kindOf(long seed) {
    return kinds.get((int) Math.floorMod(seed, (long) kinds.size()));
  }

  /** The program of {@code seed}: the same seed always gives the same program. */
  public Program generate(long seed) {
    Kind kind = kindOf(seed);
    Choice c = new Choice(seed * 0x9E3779B97F4A7C15L + kind.ordinal());
    List<Step> steps = new ArrayList<>();
    int opens = 1 + c.nextInt(3);
    for (int i = 0; i < opens; i++) {
      steps.add(FileSteps.plainOpen(c));
    }
    int ofKind = 2 + c.nextInt(3);
    int others = c.nextInt(4);
    while (ofKind > 0 || others > 0) {
      if (ofKind > 0 && (others == 0 || c.chance(60))) {
        steps.add(kind.write(c));
        ofKind--;
      } else {
        steps.add(c.chance(50) ? Kind.IO.write(c) : FileSteps.plainOpen(c));
        others--;
      }
    }
    for (int k = 0; k < 8; k++) {
      steps.add(Step.of(Kind.IO, FileSteps.write("F[" + k + "]")));
    }
    return new Program(seed, kind, steps);
  }
}
