// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable, general stack profile: sample types, aggregated samples and run metadata. It
 * knows nothing of syscalls or Zeek; producers (ior's projection, zeekspy, the collapsed and pprof
 * readers) build one, writers (collapsed, SVG, pprof) consume it.
 *
 * <pre>{@code
 * StackProfile p = StackProfile.builder(List.of(
 *         new SampleType("count", "count"), new SampleType("duration", "nanoseconds")))
 *     .defaultSampleType("duration")
 *     .add(List.of(Frame.of("bash", "process"), Frame.of("read", "syscall")), Map.of(), 1, 1200)
 *     .add(List.of(Frame.of("bash", "process"), Frame.of("read", "syscall")), Map.of(), 1, 800)
 *     .build();
 * p.samples().get(0).value(1); // 2000: identical stacks and labels are merged
 * }</pre>
 */
public final class StackProfile {
  private final List<SampleType> sampleTypes;
  private final String defaultSampleType;
  private final List<Sample> samples;
  private final long timeNanos;
  private final long durationNanos;
  private final SampleType periodType;
  private final long period;
  private final List<String> comments;

  private StackProfile(Builder b) {
    this.sampleTypes = List.copyOf(b.sampleTypes);
    this.defaultSampleType = b.defaultSampleType;
    List<Sample> list = new ArrayList<>(b.merged.size());
    for (Map.Entry<Key, long[]> e : b.merged.entrySet()) {
      list.add(new Sample(e.getKey().stack, e.getKey().labels, e.getValue()));
    }
    this.samples = List.copyOf(list);
    this.timeNanos = b.timeNanos;
    this.durationNanos = b.durationNanos;
    this.periodType = b.periodType;
    this.period = b.period;
    this.comments = List.copyOf(b.comments);
  }

  /**
   * Starts a profile with the given value columns (at least one).
   *
   * @param sampleTypes the value columns, in the order of {@link Sample#values()}
   * @return an empty builder
   */
  public static Builder builder(List<SampleType> sampleTypes) {
    return new Builder(sampleTypes);
  }

  /** {@return the value columns, in the order of {@link Sample#values()}} */
  public List<SampleType> sampleTypes() {
    return sampleTypes;
  }

  /**
   * {@return index of the sample type with this name, or -1}
   *
   * @param sampleType a sample type's name, e.g. {@code samples}
   */
  public int indexOf(String sampleType) {
    for (int i = 0; i < sampleTypes.size(); i++) {
      if (sampleTypes.get(i).type().equals(sampleType)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * {@return name of the sample type viewers should show first; empty when not set (the last one)}
   */
  public String defaultSampleType() {
    return defaultSampleType;
  }

  /**
   * {@return aggregated samples in first-seen order; identical (stack, labels) pairs appear once}
   */
  public List<Sample> samples() {
    return samples;
  }

  /** {@return wall-clock start of the profiled run in ns since the Unix epoch, 0 when unknown} */
  public long timeNanos() {
    return timeNanos;
  }

  /** {@return length of the profiled run in ns, 0 when unknown} */
  public long durationNanos() {
    return durationNanos;
  }

  /** {@return what {@link #period()} measures (e.g. cpu/nanoseconds for a sampler), or null} */
  public SampleType periodType() {
    return periodType;
  }

  /** {@return sampling period in {@link #periodType()} units, 0 when not sampled} */
  public long period() {
    return period;
  }

  /** {@return free-form notes carried into outputs that support them (pprof comments)} */
  public List<String> comments() {
    return comments;
  }

  /**
   * {@return sum of column {@code index} over all samples}
   *
   * @param index the sample type's column, 0 .. sample types - 1
   * @throws ArithmeticException when the sum passes the range of a long (a damaged input; the
   *     readers of this library refuse such files, so only hand-built profiles can get here)
   */
  public long total(int index) {
    long sum = 0;
    for (Sample s : samples) {
      sum = Math.addExact(sum, s.value(index));
    }
    return sum;
  }

  /** Collects samples, merging identical (stack, labels) pairs by adding their values. */
  public static final class Builder {
    private final List<SampleType> sampleTypes;
    private final Map<Key, long[]> merged = new LinkedHashMap<>();
    private String defaultSampleType = "";
    private long timeNanos;
    private long durationNanos;
    private SampleType periodType;
    private long period;
    private final List<String> comments = new ArrayList<>();

    private Builder(List<SampleType> sampleTypes) {
      if (sampleTypes.isEmpty()) {
        throw new IllegalArgumentException("a profile needs at least one sample type");
      }
      this.sampleTypes = List.copyOf(sampleTypes);
    }

    /**
     * Sets the sample type viewers show first; must be one of the profile's types.
     *
     * @param type a sample type's name
     * @return this builder
     */
    public Builder defaultSampleType(String type) {
      boolean known = sampleTypes.stream().anyMatch(t -> t.type().equals(type));
      if (!known) {
        throw new IllegalArgumentException("unknown sample type " + type + ", have " + sampleTypes);
      }
      this.defaultSampleType = type;
      return this;
    }

    /**
     * Wall-clock start in ns since the epoch.
     *
     * @param nanos ns since the Unix epoch, 0 when unknown
     * @return this builder
     */
    public Builder timeNanos(long nanos) {
      this.timeNanos = nanos;
      return this;
    }

    /**
     * Run length in ns.
     *
     * @param nanos the run's length, ns, 0 when unknown
     * @return this builder
     */
    public Builder durationNanos(long nanos) {
      this.durationNanos = nanos;
      return this;
    }

    /**
     * Sampling period, for sampling profilers.
     *
     * @param type what the period measures, e.g. cpu/nanoseconds
     * @param value the period, in {@code type}'s unit
     * @return this builder
     */
    public Builder period(SampleType type, long value) {
      this.periodType = Objects.requireNonNull(type, "type");
      this.period = value;
      return this;
    }

    /**
     * Adds a note.
     *
     * @param comment free-form text
     * @return this builder
     */
    public Builder comment(String comment) {
      comments.add(Objects.requireNonNull(comment, "comment"));
      return this;
    }

    /**
     * Adds one stack (root first) with one value per sample type; values of an identical stack
     * with identical labels are added to it.
     *
     * @param stack frames, root first
     * @param labels the sample's labels (pprof's), e.g. {@code pid}; empty for none
     * @param values one value per sample type
     * @return this builder
     * @throws ArithmeticException when a merged value would pass the range of a long: a sum that
     *     wrapped around would be a wrong number, never a result
     */
    public Builder add(List<Frame> stack, Map<String, String> labels, long... values) {
      if (values.length != sampleTypes.size()) {
        throw new IllegalArgumentException(
            "expected " + sampleTypes.size() + " values, got " + values.length);
      }
      long[] sum = merged.computeIfAbsent(
          new Key(List.copyOf(stack), Map.copyOf(labels)), k -> new long[values.length]);
      for (int i = 0; i < values.length; i++) {
        sum[i] = Math.addExact(sum[i], values[i]);
      }
      return this;
    }

    /**
     * Freezes the collected samples.
     *
     * @return the profile
     */
    public StackProfile build() {
      return new StackProfile(this);
    }
  }

  /** Merge key of the builder; hash cached and methods written out for cold-JVM speed. */
  private static final class Key {
    private final List<Frame> stack;
    private final Map<String, String> labels;
    private final int hash;

    Key(List<Frame> stack, Map<String, String> labels) {
      this.stack = stack;
      this.labels = labels;
      this.hash = stack.hashCode() * 31 + labels.hashCode();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && hash == k.hash && stack.equals(k.stack)
          && labels.equals(k.labels);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
