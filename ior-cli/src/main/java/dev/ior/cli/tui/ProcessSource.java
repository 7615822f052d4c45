// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.tui;

import dev.ior.flamegraph.text.NameBytes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The processes the target picker offers. {@link #proc()} reads /proc; tests pass a list.
 *
 * <pre>{@code
 * ProcessSource fake = () -> List.of(new ProcessSource.Info(42, "db", "db --port 5432"));
 * }</pre>
 */
@FunctionalInterface
public interface ProcessSource {
  /** The running processes, any order. */
  List<Info> list();

  /**
   * One process.
   *
   * @param pid process id
   * @param comm its command name
   * @param cmdline its command line, arguments separated by blanks ("" for kernel threads)
   */
  record Info(int pid, String comm, String cmdline) {}

  /** Processes from /proc; ones that exit while being read are skipped. */
  static ProcessSource proc() {
    return () -> {
      List<Info> out = new ArrayList<>();
      try (Stream<Path> dirs = Files.list(Paths.get("/proc"))) {
        dirs.filter(d -> d.getFileName().toString().matches("[0-9]+")).forEach(d -> {
          try {
            // Bytes, not UTF-8: a comm may hold any byte (NameBytes keeps it, as the tracer does)
            // and end in blanks; only the line feed the kernel appends is not part of it.
            byte[] c = Files.readAllBytes(d.resolve("comm"));
            String comm = NameBytes.decode(c, 0,
                c.length > 0 && c[c.length - 1] == '\n' ? c.length - 1 : c.length);
            String cmd = NameBytes.decode(Files.readAllBytes(d.resolve("cmdline")))
                .replace('\0', ' ').strip();
            out.add(new Info(Integer.parseInt(d.getFileName().toString()), comm, cmd));
          } catch (IOException | RuntimeException e) {
            // the process ended meanwhile
          }
        });
      } catch (IOException e) {
        return out;
      }
      return out;
    };
  }
}
