// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.profile;

import dev.ior.flamegraph.profile.Frame;
import dev.ior.flamegraph.profile.SampleType;
import dev.ior.flamegraph.profile.StackProfile;
import dev.ior.zeekspy.sample.StackSink;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Aggregates samples into a trie of frames while sampling (no allocation for a stack seen before)
 * and turns it into a {@link StackProfile} with zeek-spy's sample types: {@code samples/count} and
 * {@code cpu/nanoseconds}, the latter being samples times the sampling period.
 *
 * <pre>{@code
 * ProfileBuilder b = new ProfileBuilder(100);
 * b.stack(List.of(Frame.of("zeek_init")));
 * b.empty();
 * StackProfile p = b.build(startEpochNanos, durationNanos, List.of("pid 1234"));
 * }</pre>
 */
public final class ProfileBuilder implements StackSink {
  /** The frame of a sample taken while no script code ran. */
  public static final Frame EMPTY_STACK = Frame.of("(empty_call_stack)", "zeekspy");
  /** Sample type counting samples. */
  public static final SampleType SAMPLES = new SampleType("samples", "count");
  /** Sample type estimating time: samples times the period. */
  public static final SampleType CPU = new SampleType("cpu", "nanoseconds");

  private final long periodNanos;
  private final Node root = new Node(null);

  /**
   * A builder for samples taken at {@code hz} per second.
   *
   * @param hz the sampling rate, >= 1 per second
   * @throws IllegalArgumentException when {@code hz} is below 1
   */
  public ProfileBuilder(int hz) {
    if (hz < 1) {
      throw new IllegalArgumentException("hz must be >= 1: " + hz);
    }
    this.periodNanos = 1_000_000_000L / hz;
  }

  @Override
  public void stack(List<Frame> frames) {
    Node n = root;
    for (int i = 0; i < frames.size(); i++) {
      n = n.child(frames.get(i));
    }
    n.count++;
  }

  @Override
  public void empty() {
    root.child(EMPTY_STACK).count++;
  }

  /**
   * {@return the profile of everything added so far}
   *
   * @param timeNanos start of sampling, ns since the epoch
   * @param durationNanos length of the run, ns
   * @param comments notes for the pprof file (target, version, counters)
   */
  public StackProfile build(long timeNanos, long durationNanos, List<String> comments) {
    StackProfile.Builder b = StackProfile.builder(List.of(SAMPLES, CPU))
        .defaultSampleType(CPU.type())
        .period(CPU, periodNanos)
        .timeNanos(timeNanos)
        .durationNanos(durationNanos);
    comments.forEach(b::comment);
    emit(root, new ArrayList<>(), b);
    return b.build();
  }

  private void emit(Node n, List<Frame> path, StackProfile.Builder b) {
    if (n.count > 0) {
      b.add(path, Map.of(), n.count, n.count * periodNanos);
    }
    // Sorted children make the output independent of the order stacks were first seen.
    List<Node> kids = new ArrayList<>(n.children.values());
    kids.sort(Comparator.comparing((Node k) -> k.frame.name())
        .thenComparing(k -> k.frame.file()).thenComparingLong(k -> k.frame.line())
        .thenComparing(k -> k.frame.kind()));
    for (Node k : kids) {
      path.add(k.frame);
      emit(k, path, b);
      path.remove(path.size() - 1);
    }
  }

  /** One frame in the trie of stacks, with the samples that ended here. */
  private static final class Node {
    final Frame frame;
    final Map<Frame, Node> children = new HashMap<>(4);
    long count;

    Node(Frame frame) {
      this.frame = frame;
    }

    Node child(Frame f) {
      Node c = children.get(f);
      if (c == null) {
        c = new Node(f);
        children.put(f, c);
      }
      return c;
    }
  }
}
