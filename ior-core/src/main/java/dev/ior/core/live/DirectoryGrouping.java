// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Folds per-file rows into per-directory rows (the Files table's group-by-directory view).
 *
 * <pre>{@code
 * List<GroupStats> dirs = DirectoryGrouping.byDirectory(snapshot.files());
 * }</pre>
 */
public final class DirectoryGrouping {
  private DirectoryGrouping() {}

  /**
   * {@return one row per parent directory, summing its files; the detail says how many files} Paths
   * without a slash (pipes, sockets, "(none)") stay rows of their own.
   *
   * @param files rows keyed by file path
   */
  public static List<GroupStats> byDirectory(List<GroupStats> files) {
    Map<String, List<GroupStats>> groups = new TreeMap<>();
    for (GroupStats f : files) {
      groups.computeIfAbsent(directoryOf(f.key()), d -> new ArrayList<>()).add(f);
    }
    List<GroupStats> out = new ArrayList<>(groups.size());
    groups.forEach((dir, rows) -> out.add(GroupStats.merge(dir,
        rows.size() + (rows.size() == 1 ? " file" : " files"), rows)));
    return out;
  }

  /**
   * {@return the parent directory of an absolute path ("/" for top-level files), else the key}
   *
   * @param path a file path or another key (pipe, socket)
   */
  public static String directoryOf(String path) {
    int slash = path.lastIndexOf('/');
    if (!path.startsWith("/") || slash < 0) {
      return path;
    }
    return slash == 0 ? "/" : path.substring(0, slash);
  }
}
