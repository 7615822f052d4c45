// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.syscall;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The kernel's syscall numbers of one arch mapped to ior's syscalls, from {@code
 * syscall-numbers.tsv} (generated from the kernel's uapi headers by {@code
 * scripts/gen-syscall-numbers.py}). Several numbers may map to one syscall (ia32's {@code stat64}
 * and {@code stat} are both {@code newstat} for ior).
 *
 * <pre>{@code
 * SyscallNumbers x86 = SyscallNumbers.of(table, Arch.X86_64);
 * x86.syscall(257);        // openat
 * x86.numbers(openat);     // [257]
 * }</pre>
 */
public final class SyscallNumbers {
  private static final String RESOURCE = "syscall-numbers.tsv";

  private final Arch arch;
  private final Syscall[] byNumber;
  private final List<String> unknownNames;

  private SyscallNumbers(Arch arch, Syscall[] byNumber, List<String> unknownNames) {
    this.arch = arch;
    this.byNumber = byNumber;
    this.unknownNames = Collections.unmodifiableList(unknownNames);
  }

  /**
   * {@return the numbers of {@code arch}, resolved against {@code table}}
   *
   * @param table ior's syscall table (names to ids)
   * @param arch the arch whose kernel numbers to use
   */
  public static SyscallNumbers of(SyscallTable table, Arch arch) {
    // Every start reads this file for two arches, in a JVM that still interprets: the other
    // arches' lines are skipped by their prefix, and the wanted ones cut by hand rather than split.
    String prefix = arch.tsvName() + "\t";
    Syscall[] byNumber = new Syscall[512];
    int size = 0;
    List<String> unknown = new ArrayList<>();
    try (InputStream in = SyscallNumbers.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.startsWith(prefix)) {
          continue; // another arch, or a comment
        }
        int tab = line.indexOf('\t', prefix.length());
        int nr = Integer.parseInt(line, prefix.length(), tab, 10);
        String name = line.substring(tab + 1);
        Syscall s = table.byName(name);
        if (s == null) {
          unknown.add(name);
          continue;
        }
        if (nr >= byNumber.length) {
          byNumber = Arrays.copyOf(byNumber, Math.max(nr + 1, 2 * byNumber.length));
        }
        byNumber[nr] = s;
        size = Math.max(size, nr + 1);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new SyscallNumbers(arch, Arrays.copyOf(byNumber, size), unknown);
  }

  /** {@return the arch these numbers are of} */
  public Arch arch() {
    return arch;
  }

  /**
   * {@return the syscall with number {@code nr}, or null}
   *
   * @param nr a kernel syscall number of this arch
   */
  public Syscall syscall(int nr) {
    return nr >= 0 && nr < byNumber.length ? byNumber[nr] : null;
  }

  /**
   * {@return every number of {@code s} on this arch (empty when the arch has no such syscall)}
   *
   * @param s a syscall of ior's table
   */
  public List<Integer> numbers(Syscall s) {
    List<Integer> out = new ArrayList<>();
    for (int nr = 0; nr < byNumber.length; nr++) {
      if (byNumber[nr] != null && byNumber[nr].id() == s.id()) { // equal ids: the same syscall
        out.add(nr);
      }
    }
    return out;
  }

  /** {@return largest number + 1} */
  public int size() {
    return byNumber.length;
  }

  /**
   * {@return names of this arch that ior's table does not list (arch-only syscalls ior cannot
   * select)}
   */
  public List<String> unknownNames() {
    return unknownNames;
  }
}
