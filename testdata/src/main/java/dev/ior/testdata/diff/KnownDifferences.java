// SPDX-License-Identifier: Apache-2.0
package dev.ior.testdata.diff;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The kinds on which ior is known to differ from strace until issue 18's naming work lands,
 * each with the reason (the issue kind it belongs to), read from the checked-in
 * {@code known-differences.txt} beside this class. The in-suite differential test reports
 * programs of these kinds as skipped with the reason; every other kind must match. Removing a
 * line is how a fix is proven.
 */
public final class KnownDifferences {
  private final Map<Kind, String> reasons;

  private KnownDifferences(Map<Kind, String> reasons) {
    this.reasons = reasons;
  }

  /**
   * Reads the checked-in list.
   *
   * @throws IllegalStateException naming the line when a kind is unknown or has no reason
   */
  public static KnownDifferences load() {
    try (InputStream in = KnownDifferences.class.getResourceAsStream("known-differences.txt")) {
      if (in == null) {
        throw new IllegalStateException("missing resource known-differences.txt");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses lines {@code kind<TAB or spaces>reason}; '#' starts a comment line. */
  static KnownDifferences parse(String text) {
    Map<Kind, String> m = new LinkedHashMap<>();
    int n = 0;
    for (String line : text.split("\n")) {
      n++;
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      String[] f = l.split("\\s+", 2);
      if (f.length < 2) {
        throw new IllegalStateException("known-differences.txt:" + n + ": kind without a reason");
      }
      m.put(Kind.byId(f[0]), f[1].strip());
    }
    return new KnownDifferences(m);
  }

  /** Why programs of {@code kind} are known to differ, or empty when they must match. */
  public Optional<String> reason(Kind kind) {
    return Optional.ofNullable(reasons.get(kind));
  }
}
