// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.projection;

import dev.ior.core.aggregate.AggregateRow;
import dev.ior.core.cgroup.Container;
import dev.ior.core.cgroup.ContainerParser;
import dev.ior.core.stack.CallStack;
import dev.ior.flamegraph.profile.Frame;
import dev.ior.flamegraph.profile.SampleType;
import dev.ior.flamegraph.profile.StackProfile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Projects aggregated rows onto a stack profile: the chosen fields, in the user's order, become
 * the frames (root first); all four counters become sample types, the chosen one the default.
 * This is ior's {@code -fields ... -count ...}. A path becomes one frame per directory level as
 * ior draws it ({@code /var/lib/x} → {@code /var}, {@code /lib}, {@code /x}), without the empty
 * leading frame the original emits; an unknown path is one {@code [unknown]} frame. A cgroup
 * path is split the same way; a container is one frame ({@link ContainerParser}'s label, else
 * the cgroup path).
 *
 * <pre>{@code
 * Projection p = Projection.parse("pid,path,tracepoint", "duration");
 * StackProfile profile = p.project(rows, ProfileInfo.none());
 * CollapsedWriter.write(profile, p.valueIndex(), out);
 * }</pre>
 *
 * @param fields frame fields, root first; at least one, each at most once
 * @param count the counter that sizes frames (the profile's default sample type)
 */
public record Projection(List<Field> fields, Count count) {
  /** Frame for a row whose file is not known. */
  public static final String UNKNOWN_PATH = "[unknown]";

  /**
   * Checks the fields: at least one, none twice.
   *
   * @param fields frame fields, root first; at least one, each at most once
   * @param count the counter that sizes frames (the profile's default sample type)
   * @throws IllegalArgumentException naming the valid fields when the list is empty or repeats one
   */
  public Projection {
    fields = List.copyOf(fields);
    if (fields.isEmpty() || fields.size() != fields.stream().distinct().count()) {
      throw new IllegalArgumentException("-fields needs at least one field and no field twice,"
          + " from " + String.join(", ", Field.ids()) + "; got " + fields);
    }
  }

  /** {@return ior's default: {@code comm,path,tracepoint} by {@code count}} */
  public static Projection defaults() {
    return new Projection(List.of(Field.COMM, Field.PATH, Field.TRACEPOINT), Count.COUNT);
  }

  /**
   * Parses ior's comma-separated {@code -fields} and {@code -count} values.
   *
   * @param fields comma-separated field names, e.g. {@code pid,path,tracepoint}
   * @param count a count's name, e.g. {@code duration}
   * @return the projection
   * @throws IllegalArgumentException listing the valid names when one is unknown
   */
  public static Projection parse(String fields, String count) {
    List<Field> list = new ArrayList<>();
    for (String f : fields.split(",")) {
      list.add(Field.parse(f));
    }
    return new Projection(list, Count.parse(count));
  }

  /** {@return a name for files of this projection, e.g. {@code pid-path-tracepoint-by-count}} */
  public String describe() {
    StringBuilder b = new StringBuilder();
    for (Field f : fields) {
      b.append(f.id()).append('-');
    }
    return b.append("by-").append(count.id()).toString();
  }

  /** {@return index of the chosen count among the profile's sample types} */
  public int valueIndex() {
    return count.ordinal();
  }

  /** {@return the sample types of every projected profile, in {@link Count} order} */
  public static List<SampleType> sampleTypes() {
    List<SampleType> types = new ArrayList<>();
    for (Count c : Count.values()) {
      types.add(c.sampleType());
    }
    return types;
  }

  /**
   * Projects {@code rows}; identical stacks (and labels) are summed.
   *
   * @param rows the aggregated rows
   * @param info the profile's metadata and labels
   * @return the profile, one sample per distinct stack, with {@link #sampleTypes()} values
   */
  public StackProfile project(Iterable<AggregateRow> rows, ProfileInfo info) {
    StackProfile.Builder b = StackProfile.builder(sampleTypes())
        .defaultSampleType(count.id())
        .timeNanos(info.timeNanos())
        .durationNanos(info.durationNanos());
    info.comments().forEach(b::comment);
    Map<String, List<Frame>> pathFrames = new LinkedHashMap<>();
    Map<String, List<Frame>> cgroupFrames = new LinkedHashMap<>();
    Map<String, String> containers = new LinkedHashMap<>();
    Map<String, List<Frame>> stackFrames = new LinkedHashMap<>();
    for (AggregateRow r : rows) {
      List<Frame> stack = new ArrayList<>(8);
      String container = containers.computeIfAbsent(r.cgroup(), Projection::container);
      for (Field f : fields) {
        if (f == Field.PATH) {
          stack.addAll(pathFrames.computeIfAbsent(r.path(), Projection::pathFrames));
        } else if (f == Field.STACK) {
          stack.addAll(stackFrames.computeIfAbsent(r.stack(), Projection::stackFrames));
        } else if (f == Field.CGROUP) {
          stack.addAll(cgroupFrames.computeIfAbsent(r.cgroup(), Projection::cgroupFrames));
        } else {
          stack.add(Frame.of(f == Field.CONTAINER ? container : text(f, r), f.kind()));
        }
      }
      b.add(stack, info.labels() ? labels(r, container) : Map.of(), r.count(), r.durationNs(),
          r.durationToPrevNs(), r.bytes());
    }
    return b.build();
  }

  /** A folded stack's frames, root first; {@code [no stack]} for "". */
  static List<Frame> stackFrames(String folded) {
    List<Frame> frames = new ArrayList<>();
    for (String name : CallStack.framesOf(folded)) {
      frames.add(Frame.of(name, Field.STACK.kind()));
    }
    return List.copyOf(frames);
  }

  /** The container label of a cgroup path, else the path; {@code [unknown]} for "". */
  static String container(String cgroup) {
    if (cgroup.isEmpty()) {
      return UNKNOWN_PATH;
    }
    Container c = ContainerParser.parse(cgroup);
    return c != null ? c.label() : cgroup;
  }

  /** A cgroup path's frames, as {@link #pathFrames}: {@code /system.slice}, {@code /x.service}. */
  static List<Frame> cgroupFrames(String cgroup) {
    List<Frame> frames = new ArrayList<>();
    for (Frame f : pathFrames(cgroup)) {
      frames.add(Frame.of(f.name(), Field.CGROUP.kind()));
    }
    return List.copyOf(frames);
  }

  /**
   * pid, tid, comm, thread, cgroup and container as labels where they are not frames (pprof's
   * -tagfocus uses them); the cgroup ones only when the row has a cgroup.
   */
  private Map<String, String> labels(AggregateRow r, String container) {
    Map<String, String> l = new LinkedHashMap<>();
    if (!fields.contains(Field.PID)) {
      l.put("pid", Integer.toString(r.pid()));
    }
    if (!fields.contains(Field.TID)) {
      l.put("tid", Integer.toString(r.tid()));
    }
    if (!fields.contains(Field.COMM)) {
      l.put("comm", r.comm());
    }
    if (!fields.contains(Field.THREAD)) {
      l.put("thread", r.thread());
    }
    if (!r.cgroup().isEmpty() && !fields.contains(Field.CGROUP)) {
      l.put("cgroup", r.cgroup());
    }
    if (!r.cgroup().isEmpty() && !fields.contains(Field.CONTAINER)) {
      l.put("container", container);
    }
    return l;
  }

  private static String text(Field f, AggregateRow r) {
    switch (f) {
      case COMM:
        return r.comm();
      case THREAD:
        return r.thread();
      case TRACEPOINT:
        return r.syscall();
      case PID:
        return Integer.toString(r.pid());
      case TID:
        return Integer.toString(r.tid());
      case FLAGS:
        return OpenFlags.format(r.flags());
      default:
        throw new IllegalStateException(f.id() + " is split, not a single frame");
    }
  }

  /**
   * One frame per directory level, each with its leading slash: {@code /a/b} → {@code /a},
   * {@code /b}; a relative {@code x/y} → {@code x}, {@code /y}; "" → {@code [unknown]}.
   */
  static List<Frame> pathFrames(String path) {
    if (path.isEmpty()) {
      return List.of(Frame.of(UNKNOWN_PATH, Field.PATH.kind()));
    }
    List<Frame> frames = new ArrayList<>();
    int start = 0;
    for (int i = 1; i <= path.length(); i++) {
      if (i == path.length() || path.charAt(i) == '/') {
        frames.add(Frame.of(path.substring(start, i), Field.PATH.kind()));
        start = i;
      }
    }
    return List.copyOf(frames);
  }
}
