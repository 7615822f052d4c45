// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The processes still running below ior once the traced command has ended. ior is a child
 * subreaper ({@link TracedCommand#startHeld}), so descendants the command orphaned (daemons,
 * background jobs) are re-parented to ior: they and their own children are what is left.
 *
 * <pre>{@code
 * List<String> left = Descendants.of(ProcessHandle.current().pid(), Path.of("/proc"));
 * // ["4242 (sleep)", "4243 (sh)"]
 * }</pre>
 */
public final class Descendants {
  private Descendants() {}

  /**
   * Living (not zombie) descendants of {@code pid} as "pid (comm)", in pid order; read from
   * {@code proc} (normally {@code /proc}).
   */
  public static List<String> of(long pid, Path proc) {
    Map<Long, List<Long>> children = new HashMap<>();
    Map<Long, String> comms = new HashMap<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(proc, "[0-9]*")) {
      for (Path d : dirs) {
        String stat;
        try {
          stat = Files.readString(d.resolve("stat"), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
          continue; // exited meanwhile
        }
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        String[] rest = stat.substring(close + 2).split(" ");
        if (open < 0 || close < open || rest.length < 2 || rest[0].equals("Z")) {
          continue;
        }
        long self = Long.parseLong(d.getFileName().toString());
        long parent = Long.parseLong(rest[1]);
        children.computeIfAbsent(parent, k -> new ArrayList<>()).add(self);
        comms.put(self, stat.substring(open + 1, close));
      }
    } catch (IOException e) {
      return List.of();
    }
    List<Long> found = new ArrayList<>();
    Deque<Long> todo = new ArrayDeque<>(List.of(pid));
    while (!todo.isEmpty()) {
      for (long c : children.getOrDefault(todo.pop(), List.of())) {
        found.add(c);
        todo.push(c);
      }
    }
    found.sort(null);
    List<String> out = new ArrayList<>(found.size());
    for (long p : found) {
      out.add(p + " (" + comms.get(p) + ")");
    }
    return out;
  }
}
