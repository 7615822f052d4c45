// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.flame;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes output files under a temporary name beside the target and renames them into place, so
 * that an interrupted run never leaves half a file under the real name.
 *
 * <pre>{@code
 * AtomicFiles.write(Path.of("run.svg"), out -> SvgRenderer.render(tree, options, out));
 * }</pre>
 */
final class AtomicFiles {
  private AtomicFiles() {}

  /** What writes one file's content. */
  interface Body<T> {
    T write(OutputStream out) throws IOException;
  }

  /** Writes {@code out} through {@code body}, then renames; returns what the body returned. */
  static <T> T write(Path out, Body<T> body) throws IOException {
    Path dir = out.toAbsolutePath().getParent();
    // Not createTempFile: its 0600 mode would survive the rename; this one gets the umask's.
    Path tmp = dir.resolve("." + out.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    try {
      T result;
      try (OutputStream s = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
        result = body.write(s);
      }
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return result;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
