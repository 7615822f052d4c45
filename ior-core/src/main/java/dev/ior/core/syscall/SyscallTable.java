// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.syscall;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every syscall ior knows, read from {@code syscalls.tsv}: the table user space writes into the
 * BPF programs' syscall map, so ids and argument shapes cannot drift between C and Java.
 *
 * <pre>{@code
 * SyscallTable table = SyscallTable.standard();
 * Syscall s = table.byId(71); // O(1), no allocation: used on the hot path
 * }</pre>
 */
public final class SyscallTable {
  private static final String RESOURCE = "syscalls.tsv";
  /** The families of the {@code family} column, in the order {@code --help} lists them. */
  public static final List<String> FAMILIES = List.of("fs", "aio", "net", "mem", "proc", "signal",
      "ipc", "time", "poll", "sched", "security", "misc");
  /** What is traced when nothing is selected: file I/O. */
  public static final List<String> DEFAULT_FAMILIES = List.of("fs", "aio");
  /**
   * Syscalls of family {@code mem} the default selection adds: the mappings of files (I/O
   * through a mapping moves no bytes through syscalls, so the mapping is what can be shown). Of
   * mmap and munmap only calls on a file mapping are traced by default ({@link
   * SyscallSelection#fileMapsOnly}): anonymous memory (malloc, a JVM's heap) is not file I/O.
   */
  public static final List<String> DEFAULT_MAPPINGS = List.of("mmap", "munmap", "msync");

  private final List<Syscall> all;
  private final Syscall[] byId;
  private final Map<String, Syscall> byName = new HashMap<>();

  private SyscallTable(List<Syscall> all) {
    this.all = Collections.unmodifiableList(all);
    int max = 0;
    for (Syscall s : all) {
      max = Math.max(max, s.id());
    }
    this.byId = new Syscall[max + 1];
    for (Syscall s : all) {
      if (byId[s.id()] != null || byName.put(s.name(), s) != null) {
        throw new IllegalStateException("duplicate syscall id or name: " + s);
      }
      byId[s.id()] = s;
    }
  }

  /** {@return the table shipped in this jar} */
  public static SyscallTable standard() {
    return Standard.TABLE;
  }

  /** The bundled table, parsed once on first use (it is immutable, so every caller shares it). */
  private static final class Standard {
    static final SyscallTable TABLE = load();
  }

  private static SyscallTable load() {
    try (InputStream in = SyscallTable.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static SyscallTable parse(BufferedReader reader) throws IOException {
    List<Syscall> list = new ArrayList<>();
    String line;
    int lineNo = 0;
    while ((line = reader.readLine()) != null) {
      lineNo++;
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t");
      if (f.length != 6) {
        throw new IllegalArgumentException("syscalls.tsv:" + lineNo + ": expected 6 columns");
      }
      if (!FAMILIES.contains(f[5])) {
        throw new IllegalArgumentException("syscalls.tsv:" + lineNo + ": unknown family " + f[5]);
      }
      List<Integer> args = new ArrayList<>();
      boolean literal = false;
      for (String a : f[4].split(",")) {
        literal |= a.equals("L");
        args.add(a.equals("-") || a.equals("L") ? -1 : Integer.parseInt(a));
      }
      list.add(new Syscall(Integer.parseInt(f[0]), f[1], Shape.parse(f[2]), IoKind.parse(f[3]),
          args, literal, f[5]));
    }
    return new SyscallTable(list);
  }

  /** {@return all syscalls in table order} */
  public List<Syscall> all() {
    return all;
  }

  /**
   * {@return the syscall with this id, or null when the id is unknown (a newer or corrupt record)}
   *
   * @param id a record's syscall id (ior's id, not the kernel's number)
   */
  public Syscall byId(int id) {
    return id > 0 && id < byId.length ? byId[id] : null;
  }

  /**
   * {@return the highest id in the table (ids are never reused or renumbered; new rows get new
   * ids)}
   */
  public int maxId() {
    return byId.length - 1;
  }

  /**
   * {@return the identity of the rows with ids up to {@code upToId}: a CRC-32 of their {@code id
   * TAB name NL} lines in id order} Recordings carry it, so that a replay can tell that a record's
   * id means the syscall it meant when it was written (ids are stable; a differing identity means a
   * table that broke that rule).
   *
   * @param upToId the highest id to include; ids above {@link #maxId()} are ignored
   */
  public int identity(int upToId) {
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    for (int id = 1; id <= Math.min(upToId, maxId()); id++) {
      if (byId[id] != null) {
        crc.update((id + "\t" + byId[id].name() + "\n").getBytes(StandardCharsets.US_ASCII));
      }
    }
    return (int) crc.getValue();
  }

  /**
   * {@return the syscall with this name, or null}
   *
   * @param name a syscall name, e.g. {@code openat}
   */
  public Syscall byName(String name) {
    return byName.get(name);
  }
}
