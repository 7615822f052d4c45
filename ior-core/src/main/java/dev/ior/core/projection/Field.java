// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.projection;

import java.util.ArrayList;
import java.util.List;

/**
 * A key field of an aggregated row that can become flame-graph frames, with ior's names
 * ({@code -fields path,comm,thread,tracepoint,pid,tid,flags}) and the frame kind the SVG colours by.
 *
 * <pre>{@code
 * Field f = Field.parse("tracepoint"); // Field.TRACEPOINT, frames of kind "syscall"
 * }</pre>
 */
public enum Field {
  /** The file, one frame per directory level. */
  PATH("path", "path"),
  /** The process name (the thread group leader's comm). */
  COMM("comm", "process"),
  /** The thread's own name (prctl PR_SET_NAME, JVM and pool thread names). */
  THREAD("thread", "thread"),
  /** The syscall (ior calls it tracepoint). */
  TRACEPOINT("tracepoint", "syscall"),
  /** The process id. */
  PID("pid", "pid"),
  /** The thread id. */
  TID("tid", "thread"),
  /** The open flags, e.g. {@code O_RDONLY|O_CLOEXEC}. */
  FLAGS("flags", "flags");

  private final String id;
  private final String kind;

  Field(String id, String kind) {
    this.id = id;
    this.kind = kind;
  }

  /** ior's name of the field, as accepted by {@code -fields}. */
  public String id() {
    return id;
  }

  /** The frame kind of this field's frames (the SVG colours and the legend use it). */
  public String kind() {
    return kind;
  }

  /**
   * The field called {@code name}.
   *
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

  /** ior's names of all fields. */
  public static List<String> ids() {
    List<String> ids = new ArrayList<>();
    for (Field f : values()) {
      ids.add(f.id);
    }
    return ids;
  }
}
