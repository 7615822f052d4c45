// SPDX-License-Identifier: Apache-2.0
package dev.ior.testdata;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The {@code oddnames} program: renames itself to a comm holding bytes that are not UTF-8, then
 * writes files whose names hold such bytes, a line feed, a {@code ;}, a trailing {@code " 2024"}
 * and a backslash (see the comment at the top of {@code oddnames.c}). Its comm starts with
 * {@link #COMM}.
 *
 * <pre>{@code
 * new ProcessBuilder(OddNames.binary().toString(), dir.toString()).start().waitFor();
 * }</pre>
 */
public final class OddNames {
  /** The ASCII start of the program's comm, for {@code -comm}. */
  public static final String COMM = "iorodd";

  private OddNames() {}

  /** The compiled program (built on first use with gcc). */
  public static Path binary() throws IOException {
    return NativeProgram.build("oddnames", "oddnames.c");
  }
}
