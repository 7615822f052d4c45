// SPDX-License-Identifier: Apache-2.0
package dev.ior.bpf.load;

import dev.ior.bpf.TraceException;
import dev.ior.bpf.internal.lib.LibBpf;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Paths;

/** Checks made before touching BPF, so that each failure is one clear line with the fix. */
public final class Preflight {
  private Preflight() {}

  private static final int CAP_SYS_ADMIN = 21;
  private static final int CAP_PERFMON = 38;
  private static final int CAP_BPF = 39;

  /**
   * The oldest kernel the BPF programs load on: the one statement of it, which {@code --help},
   * the errors and (checked by a test) every page of docs/ repeat. What sets it, newest first:
   * the kfunc {@code bpf_rdonly_cast} (6.2, typed direct loads of the file table), {@code
   * bpf_loop} (5.17), task storage and {@code bpf_get_current_task_btf} (5.11), the ring buffer
   * (5.8), BTF raw tracepoints ({@code tp_btf}, 5.5).
   */
  public static final String MIN_KERNEL = "6.2";
  /** What needs {@link #MIN_KERNEL}, in a user's words. */
  public static final String MIN_KERNEL_WHY = "BTF raw tracepoints, task storage, bpf_loop,"
      + " bpf_rdonly_cast";
  private static final int MIN_MAJOR = 6;
  private static final int MIN_MINOR = 2;

  /**
   * Fails with the fix when libbpf is missing, privileges lack, or the kernel is too old.
   *
   * @throws TraceException naming what is missing and how to get it
   */
  public static void check() throws TraceException {
    if (LibBpf.loadError() != null) {
      throw new TraceException("libbpf.so.1 could not be loaded (" + LibBpf.loadError().getMessage()
          + "): install it with apt-get install libbpf1");
    }
    BigInteger caps = effectiveCapabilities();
    boolean bpf = caps.testBit(CAP_SYS_ADMIN) || caps.testBit(CAP_BPF) && caps.testBit(CAP_PERFMON);
    if (!bpf) {
      throw new TraceException("not permitted to load BPF programs: run as root (sudo) or grant"
          + " CAP_BPF and CAP_PERFMON (setcap or capsh)");
    }
    int[] v = kernelVersion();
    if (v[0] < MIN_MAJOR || v[0] == MIN_MAJOR && v[1] < MIN_MINOR) {
      throw new TraceException("kernel " + v[0] + "." + v[1] + " is too old: ior needs Linux "
          + MIN_KERNEL + " or newer (" + MIN_KERNEL_WHY + ")");
    }
    if (!Files.isReadable(Paths.get("/sys/kernel/btf/vmlinux"))) {
      throw new TraceException("this kernel has no BTF (/sys/kernel/btf/vmlinux): ior needs a"
          + " kernel built with CONFIG_DEBUG_INFO_BTF=y, as Debian's and Ubuntu's are");
    }
  }

  static BigInteger effectiveCapabilities() {
    try {
      for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
        if (line.startsWith("CapEff:")) {
          return new BigInteger(line.substring(7).trim(), 16);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // treat as no capabilities
    }
    return BigInteger.ZERO;
  }

  static int[] kernelVersion() {
    try {
      String release = Files.readString(Paths.get("/proc/sys/kernel/osrelease")).trim();
      return parseRelease(release);
    } catch (IOException e) {
      return new int[] {0, 0};
    }
  }

  static int[] parseRelease(String release) {
    String[] parts = release.split("[.-]");
    try {
      return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
    } catch (RuntimeException e) {
      return new int[] {0, 0};
    }
  }
}
