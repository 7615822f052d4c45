// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.sample;

import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Counters of a sampling run.
 *
 * <pre>{@code
 * SamplerStats s = spy.stats();
 * System.err.println(s.format());
 * double busy = s.busyShare(); // 0.004 = 0.4 % of one core
 * }</pre>
 *
 * @param samples samples taken that produced a stack (including empty ones)
 * @param empty samples taken while the call stack was empty
 * @param torn samples dropped because what was read stayed inconsistent after retries
 * @param skipped ticks skipped because the previous sample ended after their time
 * @param elapsedNanos wall time since sampling started, ns
 * @param busyNanos wall time spent inside samples (stop, read, resume), ns
 * @param cpuNanos CPU time of the sampling thread, ns (including its timer wake-ups and the
 *     warm-up; -1 when the JVM cannot measure thread CPU time)
 * @param sampleNanos wall time of each sample (stop, read, resume), ns, 2 significant digits; a
 *     copy owned by this value: do not modify it
 */
public record SamplerStats(
    long samples, long empty, long torn, long skipped, long elapsedNanos, long busyNanos,
    long cpuNanos, Histogram sampleNanos) {
  /** Nothing yet. */
  public static final SamplerStats ZERO = new SamplerStats(0, 0, 0, 0, 0, 0, 0);

  /**
   * Counters without a per-sample distribution (tests, or when it is not needed).
   *
   * @param samples samples taken that produced a stack (including empty ones)
   * @param empty samples taken while the call stack was empty
   * @param torn samples dropped because what was read stayed inconsistent after retries
   * @param skipped ticks skipped because the previous sample ended after their time
   * @param elapsedNanos wall time since sampling started, ns
   * @param busyNanos wall time spent inside samples (stop, read, resume), ns
   * @param cpuNanos CPU time of the sampling thread, ns (including its timer wake-ups and the
   *     warm-up; -1 when the JVM cannot measure thread CPU time)
   */
  public SamplerStats(long samples, long empty, long torn, long skipped, long elapsedNanos,
      long busyNanos, long cpuNanos) {
    this(samples, empty, torn, skipped, elapsedNanos, busyNanos, cpuNanos, new Histogram(2));
  }

  /** {@return samples (including torn ones) per second of wall time} */
  public double rate() {
    return elapsedNanos == 0 ? 0 : (samples + torn) * 1e9 / elapsedNanos;
  }

  /** {@return share of wall time spent sampling, 0..1} */
  public double busyShare() {
    return elapsedNanos == 0 ? 0 : (double) busyNanos / elapsedNanos;
  }

  /**
   * {@return CPU time of the sampling thread as a share of wall time (of one core), 0..1; -1
   * unknown}
   */
  public double cpuShare() {
    return cpuNanos < 0 ? -1 : elapsedNanos == 0 ? 0 : (double) cpuNanos / elapsedNanos;
  }

  /** {@return mean cost of one sample in µs} */
  public double microsPerSample() {
    long n = samples + torn;
    return n == 0 ? 0 : busyNanos / 1e3 / n;
  }

  /**
   * {@return the wall time of one sample that {@code percentile} percent of samples did not exceed,
   * in µs (within 1 %); 0 without samples}
   *
   * @param percentile 0..100
   */
  public double microsPerSampleAt(double percentile) {
    return sampleNanos.getTotalCount() == 0 ? 0
        : sampleNanos.getValueAtPercentile(percentile) / 1e3;
  }

  /**
   * {@return the counters accumulated since {@code earlier}}
   *
   * @param earlier counters taken earlier from the same sampler
   */
  public SamplerStats since(SamplerStats earlier) {
    Histogram d = sampleNanos.copy();
    if (earlier.sampleNanos.getTotalCount() > 0) {
      d.subtract(earlier.sampleNanos);
    }
    return new SamplerStats(samples - earlier.samples, empty - earlier.empty,
        torn - earlier.torn, skipped - earlier.skipped, elapsedNanos - earlier.elapsedNanos,
        busyNanos - earlier.busyNanos,
        cpuNanos < 0 || earlier.cpuNanos < 0 ? -1 : cpuNanos - earlier.cpuNanos, d);
  }

  /**
   * {@return one line: {@code samples=1000 empty=12 torn=0 skipped=0 rate=99.9/s sampling=0.05% of
   * wall (4.8 us/sample, p99 9.1 us, thread cpu 0.06%)}}
   */
  public String format() {
    return String.format(Locale.ROOT,
        "samples=%d empty=%d torn=%d skipped=%d rate=%.1f/s sampling=%.2f%% of wall"
            + " (%.1f us/sample, p99 %.1f us, thread cpu %s)",
        samples, empty, torn, skipped, rate(), busyShare() * 100, microsPerSample(),
        microsPerSampleAt(99), cpuNanos < 0 ? "n/a"
            : String.format(Locale.ROOT, "%.2f%%", cpuShare() * 100));
  }
}
