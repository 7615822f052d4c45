// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.projection;

import dev.ior.flamegraph.svg.Palette;
import java.util.ArrayList;
import java.util.List;

/**
 * A key field of an aggregated row that can become flame-graph frames, with ior's names
 * ({@code -fields path,comm,thread,tracepoint,pid,tid,flags}, and ours: {@code
 * cgroup,container,stack})
 * and the frame kind the SVG colours by.
 *
 * <pre>{@code
 * Field f = Field.parse("tracepoint"); // Field.TRACEPOINT, frames of kind "syscall"
 * }</pre>
 */
public enum Field {
  /** The file, one frame per directory level; blue. */
  PATH("path", "path", 190, 30),
  /** The process name (the thread group leader's comm); green. */
  COMM("comm", "process", 95, 40),
  /** The thread's own name (prctl PR_SET_NAME, JVM and pool thread names); sea green. */
  THREAD("thread", "thread-name", 140, 30),
  /** The syscall (ior calls it tracepoint); red-orange. */
  TRACEPOINT("tracepoint", "syscall", 0, 28),
  /** The process id; blue-violet. */
  PID("pid", "pid", 186, 20),
  /** The thread id; teal. */
  TID("tid", "thread", 160, 20),
  /** The open flags, e.g. {@code O_RDONLY|O_CLOEXEC}; violet. */
  FLAGS("flags", "flags", 244, 20),
  /** The cgroup v2 path, one frame per level as for paths; purple. */
  CGROUP("cgroup", "cgroup", 270, 20),
  /** The container, pod, service or session the cgroup names, else the cgroup path; magenta. */
  CONTAINER("container", "container", 300, 25),
  /**
   * The call's user stack, one frame per function, root first (native and Java frames; {@code
   * [no stack]} for calls whose stack was not taken, see {@code -stacks}); yellow.
   */
  STACK("stack", "stack", 50, 20);

  private final String id;
  private final String kind;
  private final int hue;
  private final int hueRange;

  Field(String id, String kind, int hue, int hueRange) {
    this.id = id;
    this.kind = kind;
    this.hue = hue;
    this.hueRange = hueRange;
  }

  /**
   * {@return ior's palette: flamegraph.pl's warm colours, and one hue family per field's frame kind
   * (the flame-graph library knows no kinds; its caller supplies them)}
   */
  public static Palette palette() {
    Palette p = Palette.hot();
    for (Field f : values()) {
      p = p.withKind(f.kind, f.hue, f.hueRange);
    }
    return p;
  }

  /** {@return ior's name of the field, as accepted by {@code -fields}} */
  public String id() {
    return id;
  }

  /** {@return the frame kind of this field's frames (the SVG colours and the legend use it)} */
  public String kind() {
    return kind;
  }

  /**
   * {@return the field called {@code name}}
   *
   * @param name a field's name as {@code -fields} takes it, e.g. {@code path}
   * @throws IllegalArgumentException naming the valid fields when there is none
   */
  public static Field parse(String name) {
    for (Field f : values()) {
      if (f.id.equals(name.trim())) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown field '" + name + "': valid fields are "
        + String.join(", ", ids()));
  }

  /** {@return ior's names of all fields} */
  public static List<String> ids() {
    List<String> ids = new ArrayList<>();
    for (Field f : values()) {
      ids.add(f.id);
    }
    return ids;
  }
}
