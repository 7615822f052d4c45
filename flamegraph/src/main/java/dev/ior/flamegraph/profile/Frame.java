// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.profile;

import java.util.Objects;

/**
 * One frame of a stack: a name and, where the producer knows them, a kind (used for colours and
 * legends), a source file and a line.
 *
 * <pre>{@code
 * Frame syscall = Frame.of("openat", "syscall");
 * Frame function = new Frame("Conn::log", "function", "base/protocols/conn/main.zeek", 212);
 * }</pre>
 *
 * @param name the frame's label, never null; may contain any character (writers escape)
 * @param kind a free-form category such as {@code syscall}, {@code path}, {@code process},
 *     {@code function}; empty when unknown
 * @param file source file, empty when unknown
 * @param line source line, 0 when unknown
 */
public record Frame(String name, String kind, String file, long line) {
  /**
   * Checks the components.
   *
   * @param name the frame's label, never null; may contain any character (writers escape)
   * @param kind a free-form category such as {@code syscall}, {@code path}, {@code process},
   *     {@code function}; empty when unknown
   * @param file source file, empty when unknown
   * @param line source line, 0 when unknown
   */
  public Frame {
    Objects.requireNonNull(name, "name");
    kind = kind == null ? "" : kind;
    file = file == null ? "" : file;
    if (line < 0) {
      throw new IllegalArgumentException("line must be >= 0: " + line);
    }
  }

  // equals and hashCode are written out (same semantics as the generated ones) because the
  // generated record methods run through method-handle chains that are slow until the JIT has
  // compiled them, and frames are hashed hundreds of thousands of times in short CLI runs.
  @Override
  public boolean equals(Object o) {
    return o instanceof Frame f
        && line == f.line
        && name.equals(f.name)
        && kind.equals(f.kind)
        && file.equals(f.file);
  }

  @Override
  public int hashCode() {
    return ((name.hashCode() * 31 + kind.hashCode()) * 31 + file.hashCode()) * 31
        + Long.hashCode(line);
  }

  /**
   * {@return a frame with a name only}
   *
   * @param name the frame's name
   */
  public static Frame of(String name) {
    return new Frame(name, "", "", 0);
  }

  /**
   * {@return a frame with a name and a kind}
   *
   * @param name the frame's name
   * @param kind the frame's kind, e.g. {@code syscall}; empty when unknown
   */
  public static Frame of(String name, String kind) {
    return new Frame(name, kind, "", 0);
  }
}
