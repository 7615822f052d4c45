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
  public Frame {
    Objects.requireNonNull(name, "name");
    kind = kind == null ? "" : kind;
    file = file == null ? "" : file;
    if (line < 0) {
      throw new IllegalArgumentException("line must be >= 0: " + line);
    }
  }

  /** A frame with a name only. */
  public static Frame of(String name) {
    return new Frame(name, "", "", 0);
  }

  /** A frame with a name and a kind. */
  public static Frame of(String name, String kind) {
    return new Frame(name, kind, "", 0);
  }
}
