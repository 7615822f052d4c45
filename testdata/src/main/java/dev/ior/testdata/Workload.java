// SPDX-License-Identifier: Apache-2.0
package dev.ior.testdata;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The {@code iorwl} workload program: known file-I/O syscall sequences for end-to-end tests and
 * the overhead benchmark (see the comment at the top of {@code iorwl.c} for the modes). Its comm
 * always contains {@link #COMM}.
 *
 * <pre>{@code
 * Path exe = Workload.binary();
 * new ProcessBuilder(exe.toString(), "seq", dir.toString()).start().waitFor();
 * }</pre>
 */
public final class Workload {
  /** Substring of every comm the workload runs under. */
  public static final String COMM = "iorwl";

  private Workload() {}

  /** The compiled workload program (built on first use with gcc). */
  public static Path binary() throws IOException {
    return NativeProgram.build("iorwl", "iorwl.c", "-pthread");
  }

  /** The workload linked statically: runs in a root filesystem that has nothing else. */
  public static Path staticBinary() throws IOException {
    return NativeProgram.build("iorwl", "iorwl.c", "-pthread", "-static");
  }
}
