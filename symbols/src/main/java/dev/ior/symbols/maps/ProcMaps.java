// SPDX-License-Identifier: Apache-2.0
package dev.ior.symbols.maps;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses {@code /proc/PID/maps} and finds where an executable is loaded.
 *
 * <pre>{@code
 * List<MemoryMap> maps = ProcMaps.read(1234);
 * long base = ProcMaps.fileStart(maps, inode, "/usr/bin/zeek").orElseThrow().start();
 * }</pre>
 */
public final class ProcMaps {
  private ProcMaps() {}

  /** Reads and parses {@code /proc/PID/maps}. */
  public static List<MemoryMap> read(long pid) throws IOException {
    return parse(Files.readAllLines(Path.of("/proc", Long.toString(pid), "maps"),
        StandardCharsets.UTF_8));
  }

  /** Parses maps lines; blank lines are skipped. */
  public static List<MemoryMap> parse(List<String> lines) {
    List<MemoryMap> maps = new ArrayList<>(lines.size());
    for (String line : lines) {
      if (!line.isBlank()) {
        maps.add(parseLine(line));
      }
    }
    return maps;
  }

  /**
   * Parses one line: {@code start-end perms offset dev inode [path]}. The path is everything after
   * the inode's trailing padding, so paths with spaces survive.
   *
   * @throws IllegalArgumentException for a line in another format
   */
  public static MemoryMap parseLine(String line) {
    int[] pos = {0};
    String range = field(line, pos);
    String perms = field(line, pos);
    String offset = field(line, pos);
    String device = field(line, pos);
    String inode = field(line, pos);
    int dash = range.indexOf('-');
    if (dash < 0 || perms.length() != 4 || inode.isEmpty()) {
      throw new IllegalArgumentException("not a /proc/PID/maps line: " + line);
    }
    String path = line.substring(Math.min(pos[0], line.length())).stripLeading();
    try {
      return new MemoryMap(Long.parseUnsignedLong(range.substring(0, dash), 16),
          Long.parseUnsignedLong(range.substring(dash + 1), 16), perms,
          Long.parseUnsignedLong(offset, 16), device, Long.parseLong(inode), path);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a /proc/PID/maps line: " + line, e);
    }
  }

  /**
   * The mapping of file offset 0 of a file, identified by inode (which also matches a file that
   * was deleted or replaced after it was started) or, when the inode is 0, by path.
   */
  public static Optional<MemoryMap> fileStart(List<MemoryMap> maps, long inode, String path) {
    for (MemoryMap m : maps) {
      boolean same = inode != 0 ? m.inode() == inode : stripDeleted(m.path()).equals(path);
      if (same && m.offset() == 0) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  /** {@code path} without the kernel's {@code " (deleted)"} suffix. */
  public static String stripDeleted(String path) {
    return path.endsWith(" (deleted)") ? path.substring(0, path.length() - 10) : path;
  }

  private static String field(String line, int[] pos) {
    int i = pos[0];
    while (i < line.length() && line.charAt(i) == ' ') {
      i++;
    }
    int start = i;
    while (i < line.length() && line.charAt(i) != ' ') {
      i++;
    }
    pos[0] = i;
    return line.substring(start, i);
  }
}
