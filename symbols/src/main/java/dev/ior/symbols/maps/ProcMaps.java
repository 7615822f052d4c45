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

  /**
   * Reads and parses {@code /proc/PID/maps}.
   *
   * @param pid process id
   * @return the process's mappings in file order
   * @throws IOException when the file cannot be read (the process ended, no permission)
   */
  public static List<MemoryMap> read(long pid) throws IOException {
    return parse(Files.readAllLines(Path.of("/proc", Long.toString(pid), "maps"),
        StandardCharsets.UTF_8));
  }

  /**
   * Parses maps lines; blank lines are skipped.
   *
   * @param lines the lines of a maps file
   * @return the mappings, in line order
   */
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
   * @param line one line of a maps file
   * @return the mapping
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
   * {@return the mapping of file offset 0 of a file, identified by inode (which also matches a file
   * that was deleted or replaced after it was started) or, when the inode is 0, by path}
   *
   * @param maps a process's mappings
   * @param inode the file's inode, 0 when unknown
   * @param path the file's path, used when {@code inode} is 0
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

  /**
   * {@return {@code path} without the kernel's {@code " (deleted)"} suffix}
   *
   * @param path a mapping's path
   */
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
