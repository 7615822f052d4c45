// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.metrics;

import dev.ior.core.cgroup.CgroupInfo;
import dev.ior.core.cgroup.CgroupLookup;
import dev.ior.core.event.SyscallPair;
import dev.ior.core.syscall.Syscall;

/**
 * What the metrics label a pair with besides its syscall and comm: the syscall's family and the
 * container of its process ({@link #of}); {@link #CURRENT} labels neither.
 *
 * <pre>{@code
 * PairLabels labels = PairLabels.of(cgroupResolver); // family from the table, container from
 *                                                   // the cgroup id
 * }</pre>
 */
public interface PairLabels {
  /** The comm (and container) of the overflow series that pairs beyond the cap are folded into. */
  String OTHER = "[other]";

  /** No family, no container: the labels the capture path supports today. */
  PairLabels CURRENT = new PairLabels() {
    @Override
    public String family(Syscall syscall) {
      return null;
    }

    @Override
    public String container(SyscallPair pair) {
      return "";
    }

    @Override
    public boolean hasContainers() {
      return false;
    }
  };

  /**
   * {@return the syscall's family and the container its cgroup names ({@link CgroupInfo#label()} of
   * a cgroup that is a container, pod, service or session; "" for others and ids not known yet)}
   * {@code lookup} never blocks and the labels are its cached Strings: nothing is allocated.
   *
   * @param lookup the cgroup names, a non-blocking cache
   */
  static PairLabels of(CgroupLookup lookup) {
    return new PairLabels() {
      @Override
      public String family(Syscall syscall) {
        return syscall.family();
      }

      @Override
      public String container(SyscallPair pair) {
        CgroupInfo c = lookup.lookup(pair.cgroupId());
        return c == null || c.container() == null ? "" : c.label();
      }

      @Override
      public boolean hasContainers() {
        return lookup != CgroupLookup.NONE;
      }
    };
  }

  /**
   * {@return the family label of {@code syscall} (fs, net, mem, ...), or null to leave the label
   * out} Called on reader threads when a series is exported.
   *
   * @param syscall the series' syscall
   */
  String family(Syscall syscall);

  /**
   * {@return the container the pair's process runs in, "" when none or unknown} Called on the
   * consumer thread for every pair: it must be a cached lookup that allocates nothing and returns
   * the same String instance for the same container.
   *
   * @param pair the pair being counted, a reused view
   */
  String container(SyscallPair pair);

  /**
   * {@return whether {@link #container} can return names (the overflow series then has one too)}
   */
  boolean hasContainers();
}
