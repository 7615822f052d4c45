// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.collapsed;

import dev.ior.flamegraph.profile.SampleType;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How {@link CollapsedReader} interprets a folded file.
 *
 * <pre>{@code
 * CollapsedOptions o = CollapsedOptions.defaults()
 *     .withSampleType(new SampleType("duration", "nanoseconds"))
 *     .withKindRules(List.of(new KindRule(Pattern.compile("^enter_"), "syscall")));
 * }</pre>
 *
 * @param sampleType what the number column counts; {@code samples/count} by default
 * @param unescape whether to reverse {@link FrameEscaper} escapes in frame names (default true)
 * @param maxReported how many malformed lines to keep in the result (all are counted)
 * @param kindRules rules giving frames a kind (first match wins), since the folded format has no
 *     place for kinds; empty by default
 * @param refuseNonStacks whether input whose non-blank lines are all malformed is refused with
 *     an {@code IOException} (default true); off, it reads as an empty profile, as flamegraph.pl
 *     takes it (it draws an error image)
 */
public record CollapsedOptions(
    SampleType sampleType, boolean unescape, int maxReported, List<KindRule> kindRules,
    boolean refuseNonStacks) {
  /**
   * Checks the components.
   *
   * @param sampleType what the number column counts; {@code samples/count} by default
   * @param unescape whether to reverse {@link FrameEscaper} escapes in frame names (default true)
   * @param maxReported how many malformed lines to keep in the result (all are counted)
   * @param kindRules rules giving frames a kind (first match wins), since the folded format has no
   *     place for kinds; empty by default
   * @param refuseNonStacks whether input whose non-blank lines are all malformed is refused with
   *     an {@code IOException} (default true); off, it reads as an empty profile, as flamegraph.pl
   *     takes it (it draws an error image)
   */
  public CollapsedOptions {
    Objects.requireNonNull(sampleType, "sampleType");
    kindRules = List.copyOf(kindRules);
    if (maxReported < 0) {
      throw new IllegalArgumentException("maxReported must be >= 0: " + maxReported);
    }
  }

  /**
   * A frame gets {@code kind} when {@code pattern} finds a match in its name.
   *
   * @param pattern searched for anywhere in a frame's name
   * @param kind the kind given, e.g. {@code kernel}
   */
  public record KindRule(Pattern pattern, String kind) {
    /**
     * Requires both components.
     *
     * @param pattern searched for anywhere in a frame's name
     * @param kind the kind given, e.g. {@code kernel}
     * @throws NullPointerException when either is null
     */
    public KindRule {
      Objects.requireNonNull(pattern, "pattern");
      Objects.requireNonNull(kind, "kind");
    }
  }

  /**
   * {@return the defaults: counts as {@code samples/count}, unescapes, reports up to 1000
   * malformed lines}
   */
  public static CollapsedOptions defaults() {
    return new CollapsedOptions(new SampleType("samples", "count"), true, 1000, List.of(), true);
  }

  /**
   * {@return a copy with another sample type}
   *
   * @param type what the number column counts
   */
  public CollapsedOptions withSampleType(SampleType type) {
    return new CollapsedOptions(type, unescape, maxReported, kindRules, refuseNonStacks);
  }

  /**
   * {@return a copy with escapes on or off}
   *
   * @param on whether to unescape frame names
   */
  public CollapsedOptions withUnescape(boolean on) {
    return new CollapsedOptions(sampleType, on, maxReported, kindRules, refuseNonStacks);
  }

  /**
   * {@return a copy with kind rules}
   *
   * @param rules rules giving frames a kind, first match wins
   */
  public CollapsedOptions withKindRules(List<KindRule> rules) {
    return new CollapsedOptions(sampleType, unescape, maxReported, rules, refuseNonStacks);
  }

  /**
   * {@return a copy that refuses input of no well-formed line, or reads it as an empty profile}
   *
   * @param on whether to refuse such input with an {@code IOException}
   */
  public CollapsedOptions withRefuseNonStacks(boolean on) {
    return new CollapsedOptions(sampleType, unescape, maxReported, kindRules, on);
  }

  /**
   * {@return the kind the rules give {@code name}, or empty}
   *
   * @param name a frame's name
   */
  public String kindOf(String name) {
    for (KindRule r : kindRules) {
      if (r.pattern().matcher(name).find()) {
        return r.kind();
      }
    }
    return "";
  }
}
