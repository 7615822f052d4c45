// SPDX-License-Identifier: Apache-2.0
package dev.ior.testdata.diff;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What ior claims to decode for each syscall, read from ior's own table
 * ({@code ior-core/src/main/resources/dev/ior/core/syscall/syscalls.tsv} of the build under
 * test): the shape and the argument indices. The comparer asks strace for exactly the fields
 * ior claims, so the table stays the one owner of "which argument is the fd".
 */
public final class Shapes {
  /** Where the table sits in a checkout. */
  public static final String TABLE = "ior-core/src/main/resources/dev/ior/core/syscall/syscalls.tsv";

  /**
   * One row.
   *
   * @param shape none, fd, path, open, openhow or name
   * @param args the args column split at commas ("-" absent, "L" literal)
   * @param transfer true for calls moving bytes between two fds (io column "t")
   */
  public record Shape(String shape, List<String> args, boolean transfer) {
    /** Argument index {@code i} of the args column, or -1 when absent or literal. */
    public int arg(int i) {
      if (i >= args.size()) {
        return -1;
      }
      String a = args.get(i);
      return a.equals("-") || a.equals("L") ? -1 : Integer.parseInt(a);
    }
  }

  private final Map<String, Shape> byName;

  private Shapes(Map<String, Shape> byName) {
    this.byName = byName;
  }

  /**
   * Reads the table of the checkout at {@code repo}.
   *
   * @throws IOException when the file is missing or unreadable
   */
  public static Shapes read(Path repo) throws IOException {
    Map<String, Shape> m = new HashMap<>();
    for (String line : Files.readAllLines(repo.resolve(TABLE), StandardCharsets.UTF_8)) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t");
      if (f.length >= 5) {
        m.put(f[1], new Shape(f[2], List.of(f[4].split(",")), f[3].equals("t")));
      }
    }
    return new Shapes(m);
  }

  /** The row of syscall {@code name} (ior's spelling), or a "none" row when ior has none. */
  public Shape of(String name) {
    return byName.getOrDefault(name, new Shape("none", List.of(), false));
  }
}
