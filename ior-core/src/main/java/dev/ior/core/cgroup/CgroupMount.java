// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.cgroup;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the cgroup v2 hierarchy is mounted ({@code /sys/fs/cgroup} on unified systems, {@code
 * /sys/fs/cgroup/unified} on hybrid ones), found in {@code /proc/self/mountinfo}. A cgroup's id
 * (what {@code bpf_get_current_cgroup_id} returns) is the inode number of its directory here.
 *
 * <pre>{@code
 * CgroupMount m = CgroupMount.fromProc().orElseThrow();
 * long id = m.idOf("system.slice/nginx.service");   // or "/system.slice/..." or a full path
 * }</pre>
 *
 * @param dir the mount point
 * @param root the mount's root within the hierarchy, "/" unless a subtree was bind-mounted (or
 *     a cgroup namespace shows one); prefixed to every path so paths read as in
 *     {@code /proc/PID/cgroup}
 */
public record CgroupMount(Path dir, String root) {

  /**
   * {@return the first cgroup2 mount in {@code /proc/self/mountinfo}, if there is one}
   *
   * @throws IOException when {@code /proc/self/mountinfo} cannot be read
   */
  public static Optional<CgroupMount> fromProc() throws IOException {
    return find(Files.readAllLines(Paths.get("/proc/self/mountinfo")));
  }

  /**
   * {@return the cgroup2 mount among {@code mountinfo} lines (format: proc(5)): the first whose
   * root is {@code /}, else the first of all}
   *
   * @param mountinfo the lines of a {@code mountinfo} file
   */
  public static Optional<CgroupMount> find(List<String> mountinfo) {
    CgroupMount any = null;
    for (String line : mountinfo) {
      String[] f = line.split(" ");
      int dash = List.of(f).indexOf("-");
      if (dash < 5 || dash + 1 >= f.length || !f[dash + 1].equals("cgroup2")) {
        continue;
      }
      CgroupMount m = new CgroupMount(Paths.get(unescape(f[4])), unescape(f[3]));
      if (m.root.equals("/")) {
        return Optional.of(m);
      }
      if (any == null) {
        any = m;
      }
    }
    return Optional.ofNullable(any);
  }

  /** mountinfo escapes space, tab, newline and backslash as {@code \ooo} octal. */
  static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 3 < s.length() && s.substring(i + 1, i + 4).matches("[0-7]{3}")) {
        b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * {@return the directory of the cgroup the user named: a path under the mount point ({@code
   * /sys/fs/cgroup/unified/x}) or one relative to it, with or without a leading slash, as {@code
   * /proc/PID/cgroup} shows it ({@code /system.slice/nginx.service})}
   *
   * @param cgroup the cgroup as the user named it
   */
  public Path directory(String cgroup) {
    Path p = Paths.get(cgroup);
    if (p.isAbsolute() && p.normalize().startsWith(dir)) {
      return p.normalize();
    }
    String rel = cgroup;
    if (!root.equals("/") && rel.startsWith(root + "/")) {
      rel = rel.substring(root.length());
    }
    return dir.resolve(rel.replaceFirst("^/+", "")).normalize();
  }

  /**
   * {@return the id of the cgroup at {@code cgroup} (see {@link #directory})}
   *
   * @param cgroup the cgroup as the user named it (see {@link #directory})
   * @throws NoSuchFileException when there is no such cgroup (the message names the directory)
   * @throws IOException when it cannot be read
   */
  public long idOf(String cgroup) throws IOException {
    Path d = directory(cgroup);
    if (!d.startsWith(dir) || !Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
      throw new NoSuchFileException(d.toString(), null, "no such cgroup under " + dir);
    }
    return inode(d);
  }

  /**
   * {@return the path, as {@code /proc/PID/cgroup} shows it, of directory {@code d} under the
   * mount}
   *
   * @param d a directory under the mount point
   */
  public String pathOf(Path d) {
    String rel = dir.relativize(d).toString();
    String base = root.equals("/") ? "" : root;
    return rel.isEmpty() ? (base.isEmpty() ? "/" : base) : base + "/" + rel;
  }

  /**
   * {@return every cgroup under the mount, id to path (one {@code stat} per directory entry; a few
   * milliseconds for a thousand cgroups)} Cgroups removed during the walk are left out.
   */
  public Map<Long, String> scan() {
    Map<Long, String> out = new HashMap<>();
    try {
      walk(dir, inode(dir), out);
    } catch (IOException e) {
      // the mount is gone: nothing to report
    }
    return out;
  }

  private void walk(Path d, long id, Map<Long, String> out) {
    out.put(id, pathOf(d));
    try (DirectoryStream<Path> children = Files.newDirectoryStream(d)) {
      for (Path c : children) {
        Map<String, Object> a = Files.readAttributes(c, "unix:isDirectory,ino",
            LinkOption.NOFOLLOW_LINKS);
        if ((Boolean) a.get("isDirectory")) {
          walk(c, ((Number) a.get("ino")).longValue(), out);
        }
      }
    } catch (IOException | DirectoryIteratorException e) {
      // removed while we walked it: what was read stays
    }
  }

  /** The inode number of {@code p}, which for a cgroup directory is its id. */
  static long inode(Path p) throws IOException {
    return ((Number) Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS)).longValue();
  }
}
