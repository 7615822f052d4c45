// SPDX-License-Identifier: Apache-2.0
package dev.ior.junit;

import dev.ior.core.event.PairRecord;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Recorded calls to assert on, in the order they returned; AssertJ-like: every assertion returns
 * this for chaining, and a failed one throws an {@link AssertionError} that lists the offending
 * calls (strace-like, with the calling thread).
 *
 * <pre>{@code
 * io.opened().noneOutside(tempDir);
 * io.syscalls("write").onFiles("**.log").atMost(10);
 * }</pre>
 */
public final class IoCalls {
  /** Offending calls listed in a failure message at most. */
  static final int LISTED = 20;

  private final String what;
  private final List<PairRecord> calls;

  IoCalls(String what, List<PairRecord> calls) {
    this.what = what;
    this.calls = List.copyOf(calls);
  }

  /**
   * The calls.
   *
   * @return immutable records, in the order the calls returned
   */
  public List<PairRecord> list() {
    return calls;
  }

  /**
   * How many calls.
   *
   * @return the count, at least 0
   */
  public long count() {
    return calls.size();
  }

  /**
   * Bytes read, written or transferred by these calls, summed.
   *
   * @return bytes, at least 0
   */
  public long bytes() {
    return calls.stream().mapToLong(PairRecord::bytes).sum();
  }

  /**
   * These calls that match {@code p}.
   *
   * @param what names the subset in failure messages ({@code "on the log"})
   * @param p which calls to keep
   * @return the calls kept
   */
  public IoCalls filter(String what, Predicate<PairRecord> p) {
    return new IoCalls(this.what + " " + what,
        calls.stream().filter(p).collect(Collectors.toList()));
  }

  /**
   * These calls on files matching {@code glob} ({@link java.nio.file.FileSystem#getPathMatcher}
   * syntax over the absolute path: {@code /tmp/**}, {@code **.log}); a rename or transfer
   * matches by either of its files.
   *
   * @param glob the glob
   * @return the calls on matching files
   */
  public IoCalls onFiles(String glob) {
    PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
    return filter("on " + glob, p -> matches(m, p.file()) || matches(m, p.file2()));
  }

  private static boolean matches(PathMatcher m, String file) {
    return file != null && file.startsWith("/") && m.matches(Path.of(file));
  }

  /**
   * Asserts that none of these calls touched a file outside {@code dir} (or below it).
   *
   * @param dir the directory, made absolute and normalized
   * @return this, for chaining
   * @throws AssertionError listing the calls that touched a file elsewhere
   */
  public IoCalls noneOutside(Path dir) {
    String root = dir.toAbsolutePath().normalize().toString();
    List<PairRecord> outside = calls.stream()
        .filter(p -> p.file() != null && !under(p.file(), root)
            || p.file2() != null && !under(p.file2(), root))
        .collect(Collectors.toList());
    if (!outside.isEmpty()) {
      throw failure(outside.size() + " of " + calls.size() + " " + what + " touched files outside "
          + root, outside);
    }
    return this;
  }

  private static boolean under(String file, String root) {
    return file.equals(root) || file.startsWith(root.endsWith("/") ? root : root + "/");
  }

  /**
   * Asserts that there is none of these calls.
   *
   * @return this, for chaining
   * @throws AssertionError listing the calls
   */
  public IoCalls isEmpty() {
    if (!calls.isEmpty()) {
      throw failure("expected no " + what + ", found " + calls.size(), calls);
    }
    return this;
  }

  /**
   * Asserts that there are at most {@code n} of these calls.
   *
   * @param n the most allowed
   * @return this, for chaining
   * @throws AssertionError listing the calls when there are more
   */
  public IoCalls atMost(long n) {
    if (calls.size() > n) {
      throw failure("expected at most " + n + " " + what + ", found " + calls.size(), calls);
    }
    return this;
  }

  /**
   * Asserts that there are exactly {@code n} of these calls.
   *
   * @param n the count expected
   * @return this, for chaining
   * @throws AssertionError listing the calls when the count differs
   */
  public IoCalls hasCount(long n) {
    if (calls.size() != n) {
      throw failure("expected " + n + " " + what + ", found " + calls.size(), calls);
    }
    return this;
  }

  static AssertionError failure(String headline, List<PairRecord> offending) {
    StringBuilder b = new StringBuilder(headline).append(':');
    offending.stream().limit(LISTED).forEach(p -> b.append("\n  ").append(p)
        .append(" [thread ").append(p.thread()).append(']'));
    if (offending.size() > LISTED) {
      b.append("\n  ... and ").append(offending.size() - LISTED).append(" more");
    }
    return new AssertionError(b.toString());
  }

  @Override
  public String toString() {
    return calls.size() + " " + what;
  }
}
