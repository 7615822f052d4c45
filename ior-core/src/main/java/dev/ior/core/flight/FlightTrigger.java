// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.flight;

import dev.ior.core.event.Errno;
import dev.ior.core.event.SyscallPair;
import java.nio.file.FileSystems;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A condition on one pair that makes the flight recorder dump: a slow call, or a call that
 * failed with one of some errnos. Checked on the consumer thread for every pair, so {@link
 * #matches} is a comparison or two before anything costly (the path glob only runs on a call
 * that is already slow or failed).
 */
public abstract sealed class FlightTrigger {
  private final String pathGlob;
  private final PathMatcher matcher;

  private FlightTrigger(String pathGlob) {
    this.pathGlob = pathGlob;
    // Compiled now: a bad glob is refused when the trigger is made, not at the first slow call.
    this.matcher = pathGlob == null ? null
        : FileSystems.getDefault().getPathMatcher("glob:" + pathGlob);
  }

  /**
   * {@return whether {@code p} fires this trigger} Consumer thread; no allocation unless it fires.
   *
   * @param p the pair, a reused view
   */
  public abstract boolean matches(SyscallPair p);

  /** {@return the kind, used in dump file names: {@code slow} or {@code errno}} */
  public abstract String kind();

  /** {@return the path glob the call's file must match, or null for any file} */
  public String pathGlob() {
    return pathGlob;
  }

  /**
   * {@return what fired, for people: "slow fsync took 1.204000 s on /data/wal"} Once per firing.
   *
   * @param p the pair that fired
   */
  public String describe(SyscallPair p) {
    return String.format(Locale.ROOT, "%s %s%s took %.6f s%s", kind(), p.syscall().name(),
        p.failed() ? " failed with " + Errno.name(p.ret()) + " and" : "", p.durationNs() / 1e9,
        p.file() == null ? "" : " on " + p.file());
  }

  final boolean pathMatches(SyscallPair p) {
    if (matcher == null) {
      return true;
    }
    String f = p.file();
    try {
      return f != null && matcher.matches(Path.of(f));
    } catch (InvalidPathException e) {
      return false;
    }
  }

  /**
   * {@return a trigger firing on a call that took at least {@code thresholdNs}}
   *
   * @param thresholdNs latency from which a call fires, ns (&gt; 0)
   * @param syscalls syscall names it applies to (e.g. fsync); empty: every syscall
   * @param pathGlob a glob in {@link java.nio.file.FileSystem#getPathMatcher} syntax (e.g.
   *     {@code /data/**}) the call's file must match; null: any call, also one without a file
   * @throws IllegalArgumentException for a threshold &lt;= 0 or a bad glob
   */
  public static FlightTrigger slowCall(long thresholdNs, Set<String> syscalls, String pathGlob) {
    return new SlowCall(thresholdNs, syscalls, pathGlob);
  }

  /**
   * {@return a trigger firing on a call that failed with one of {@code errnos}}
   *
   * @param errnos positive errno numbers, 1..4095 (e.g. 5 for EIO; see {@link #errno(String)})
   * @param pathGlob as for {@link #slowCall}
   * @throws IllegalArgumentException for an errno out of range or a bad glob
   */
  public static FlightTrigger errnoCall(List<Integer> errnos, String pathGlob) {
    return new ErrnoCall(errnos, pathGlob);
  }

  /**
   * {@return the errno number of a name such as {@code EIO} or {@code ENOSPC}, or of a number}
   *
   * @param name an errno name ({@code EIO}, any case) or a positive number ({@code 5})
   * @throws IllegalArgumentException for a name Linux does not have
   */
  public static int errno(String name) {
    String n = name.trim().toUpperCase(Locale.ROOT);
    if (!n.isEmpty() && n.length() < 5 && n.chars().allMatch(Character::isDigit)) {
      return Integer.parseInt(n);
    }
    for (int e = 1; e < 4096; e++) {
      if (Errno.name(-e).equals(n)) {
        return e;
      }
    }
    throw new IllegalArgumentException("unknown errno '" + name + "' (e.g. EIO, ENOSPC, 28)");
  }

  /** See {@link FlightTrigger#slowCall}. */
  static final class SlowCall extends FlightTrigger {
    private final long thresholdNs;
    private final Set<String> syscalls;

    SlowCall(long thresholdNs, Set<String> syscalls, String pathGlob) {
      super(pathGlob);
      if (thresholdNs <= 0) {
        throw new IllegalArgumentException("a slow-call threshold must be > 0: " + thresholdNs
            + " ns");
      }
      this.thresholdNs = thresholdNs;
      this.syscalls = Set.copyOf(syscalls);
    }

    @Override
    public boolean matches(SyscallPair p) {
      return p.durationNs() >= thresholdNs
          && (syscalls.isEmpty() || syscalls.contains(p.syscall().name())) && pathMatches(p);
    }

    @Override
    public String kind() {
      return "slow";
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "calls of %s taking >= %.6f s%s",
          syscalls.isEmpty() ? "any syscall" : String.join(",", new java.util.TreeSet<>(syscalls)),
          thresholdNs / 1e9, pathGlob() == null ? "" : " on " + pathGlob());
    }
  }

  /** See {@link FlightTrigger#errnoCall}. */
  static final class ErrnoCall extends FlightTrigger {
    private final BitSet errnos = new BitSet(4096);

    ErrnoCall(List<Integer> errnos, String pathGlob) {
      super(pathGlob);
      if (errnos.isEmpty()) {
        throw new IllegalArgumentException("an errno trigger needs at least one errno");
      }
      for (int e : errnos) {
        if (e < 1 || e > 4095) {
          throw new IllegalArgumentException("an errno is 1..4095: " + e);
        }
        this.errnos.set(e);
      }
    }

    @Override
    public boolean matches(SyscallPair p) {
      long r = p.ret();
      return r < 0 && r > -4096 && errnos.get((int) -r) && pathMatches(p);
    }

    @Override
    public String kind() {
      return "errno";
    }

    @Override
    public String toString() {
      StringBuilder b = new StringBuilder("calls failing with ");
      errnos.stream().forEach(e -> b.append(b.length() > 19 ? "," : "").append(Errno.name(-e)));
      return b.append(pathGlob() == null ? "" : " on " + pathGlob()).toString();
    }
  }
}
