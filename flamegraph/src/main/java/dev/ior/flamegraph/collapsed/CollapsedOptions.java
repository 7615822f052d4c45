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
  public CollapsedOptions {
    Objects.requireNonNull(sampleType, "sampleType");
    kindRules = List.copyOf(kindRules);
    if (maxReported < 0) {
      throw new IllegalArgumentException("maxReported must be >= 0: " + maxReported);
    }
  }

  /** A frame gets {@code kind} when {@code pattern} finds a match in its name. */
  public record KindRule(Pattern pattern, String kind) {
    public KindRule {
      Objects.requireNonNull(pattern, "pattern");
      Objects.requireNonNull(kind, "kind");
    }
  }

  /** Counts as {@code samples/count}, unescapes, reports up to 1000 malformed lines. */
  public static CollapsedOptions defaults() {
    return new CollapsedOptions(new SampleType("samples", "count"), true, 1000, List.of(), true);
  }

  /** A copy with another sample type. */
  public CollapsedOptions withSampleType(SampleType type) {
    return new CollapsedOptions(type, unescape, maxReported, kindRules, refuseNonStacks);
  }

  /** A copy with escapes on or off. */
  public CollapsedOptions withUnescape(boolean on) {
    return new CollapsedOptions(sampleType, on, maxReported, kindRules, refuseNonStacks);
  }

  /** A copy with kind rules. */
  public CollapsedOptions withKindRules(List<KindRule> rules) {
    return new CollapsedOptions(sampleType, unescape, maxReported, rules, refuseNonStacks);
  }

  /** A copy that refuses input of no well-formed line, or reads it as an empty profile. */
  public CollapsedOptions withRefuseNonStacks(boolean on) {
    return new CollapsedOptions(sampleType, unescape, maxReported, kindRules, on);
  }

  /** The kind the rules give {@code name}, or empty. */
  public String kindOf(String name) {
    for (KindRule r : kindRules) {
      if (r.pattern().matcher(name).find()) {
        return r.kind();
      }
    }
    return "";
  }
}
