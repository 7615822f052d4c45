// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.stack;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which traced calls get their user stack taken ({@code -stacks}): none, every call, every Nth
 * call of a thread, calls at least as slow as a threshold, or the last two combined (a call is
 * taken when either says so). Decided in the kernel per call; calls whose stack is not taken are
 * still traced, counted and summed exactly — only their {@code stack} field is {@link
 * CallStack#NOT_TAKEN}.
 *
 * <pre>{@code
 * StackPolicy.parse("sample:16,slow:1ms"); // every 16th call per thread, and every call >= 1 ms
 * }</pre>
 *
 * @param every take every Nth call of each thread (1: all); 0: not by count
 * @param slowNs take calls that took at least this many ns; 0: not by latency
 */
public record StackPolicy(int every, long slowNs) {
  /** No stacks: the kernel programs skip the stack code after one map lookup. */
  public static final StackPolicy OFF = new StackPolicy(0, 0);
  /** Every call. */
  public static final StackPolicy ALL = new StackPolicy(1, 0);
  /**
   * What {@code -fields stack} takes when {@code -stacks} is not given: every 64th call of a
   * thread, and every call of 1 ms or more (the ones latency flame graphs are made of). Chosen
   * by scripts/bench-overhead.sh: see docs/benchmarks.md.
   */
  public static final StackPolicy DEFAULT = new StackPolicy(64, 1_000_000);

  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s)");

  /**
   * Checks the policy.
   *
   * @param every take every Nth call of each thread (1: all); 0: not by count
   * @param slowNs take calls that took at least this many ns; 0: not by latency
   * @throws IllegalArgumentException when every or slowNs is negative
   */
  public StackPolicy {
    if (every < 0 || slowNs < 0) {
      throw new IllegalArgumentException("stack policy values must be >= 0");
    }
  }

  /** {@return whether any stack is taken} */
  public boolean enabled() {
    return every > 0 || slowNs > 0;
  }

  /**
   * Parses {@code off}, {@code all}, {@code sample:N}, {@code slow:DURATION} (ns, us, ms, s) or
   * {@code sample:N,slow:DURATION}.
   *
   * @param spec the policy as written, case-insensitive
   * @return the policy
   * @throws IllegalArgumentException with the accepted forms
   */
  public static StackPolicy parse(String spec) {
    String s = spec.strip().toLowerCase(Locale.ROOT);
    if (s.equals("off") || s.equals("none")) {
      return OFF;
    }
    if (s.equals("all")) {
      return ALL;
    }
    if (s.equals("default")) {
      return DEFAULT;
    }
    int every = 0;
    long slow = 0;
    for (String part : s.split(",")) {
      part = part.strip();
      try {
        if (part.startsWith("sample:")) {
          every = Integer.parseInt(part.substring(7));
          if (every < 1) {
            throw new NumberFormatException();
          }
          continue;
        }
        if (part.startsWith("slow:")) {
          slow = nanos(part.substring(5));
          continue;
        }
      } catch (NumberFormatException e) {
        // fall through to the message
      }
      throw new IllegalArgumentException("bad -stacks '" + spec + "': use off, all, sample:N"
          + " (every Nth call per thread), slow:DURATION (e.g. slow:1ms) or sample:N,slow:DURATION");
    }
    return new StackPolicy(every, slow);
  }

  private static long nanos(String v) {
    Matcher m = DURATION.matcher(v.strip());
    if (!m.matches()) {
      throw new NumberFormatException(v);
    }
    double unit;
    switch (m.group(2)) {
      case "ns":
        unit = 1;
        break;
      case "us":
      case "µs":
        unit = 1e3;
        break;
      case "ms":
        unit = 1e6;
        break;
      default:
        unit = 1e9;
    }
    long ns = Math.round(Double.parseDouble(m.group(1)) * unit);
    if (ns < 1) {
      throw new NumberFormatException(v);
    }
    return ns;
  }

  /** {@return the canonical spelling, parseable by {@link #parse}} */
  public String describe() {
    if (!enabled()) {
      return "off";
    }
    if (every == 1) {
      return "all";
    }
    String sample = every > 0 ? "sample:" + every : "";
    String slowPart = slowNs > 0 ? "slow:" + formatNs(slowNs) : "";
    return sample.isEmpty() ? slowPart : slowPart.isEmpty() ? sample : sample + "," + slowPart;
  }

  private static String formatNs(long ns) {
    if (ns % 1_000_000_000L == 0) {
      return ns / 1_000_000_000L + "s";
    }
    if (ns % 1_000_000 == 0) {
      return ns / 1_000_000 + "ms";
    }
    if (ns % 1_000 == 0) {
      return ns / 1_000 + "us";
    }
    return ns + "ns";
  }
}
