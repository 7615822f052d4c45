// SPDX-License-Identifier: Apache-2.0
package dev.ior.testdata.diff;

/**
 * One generated operation of a program: statements for {@code main} and, where the operation
 * runs code elsewhere (a thread, a child, a clone), the functions it calls. A step never depends
 * on another step having run, so any subset of a program's steps is still a valid program.
 *
 * @param kind what the step exercises
 * @param code statements placed in {@code main}, in order
 * @param functions C functions the statements call (empty when none), placed before main
 */
public record Step(Kind kind, String code, String functions) {
  /** A step whose statements call nothing but the prelude. */
  public static Step of(Kind kind, String code) {
    return new Step(kind, code, "");
  }
}
