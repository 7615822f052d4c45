// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.tui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
            String comm = Files.readString(d.resolve("comm"), StandardCharsets.UTF_8).strip();
            String cmd = new String(Files.readAllBytes(d.resolve("cmdline")),
                StandardCharsets.UTF_8).replace('\0', ' ').strip();
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
