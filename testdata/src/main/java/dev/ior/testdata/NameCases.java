// SPDX-License-Identifier: Apache-2.0
package dev.ior.testdata;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The {@code iornames} program: one mode per kind of file name tracers get wrong (renamed or
 * deleted while open, O_TMPFILE, magic links, anonymous inodes, seccomp-refused calls,
 * CLONE_FILES, restart vs EINTR, chroot, mapped files); see the comment at the top of {@code
 * names.c}. The right answers are what {@code strace -f -y} prints.
 *
 * <pre>{@code
 * new ProcessBuilder(NameCases.binary().toString(), "rotate", dir.toString()).start().waitFor();
 * }</pre>
 */
public final class NameCases {
  private NameCases() {}

  /** The compiled program (built on first use with gcc). */
  public static Path binary() throws IOException {
    return NativeProgram.build("iornames", "names.c");
  }
}
