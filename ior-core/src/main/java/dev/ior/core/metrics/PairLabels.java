// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.metrics;

import dev.ior.core.event.SyscallPair;
import dev.ior.core.syscall.Syscall;

/**
 * What the metrics label a pair with besides its syscall and comm: the syscall's family and the
 * container of its process. {@link #CURRENT} is what the capture path offers today (neither);
 * once {@code Syscall.family()} and {@code SyscallPair.cgroupId()} with a cgroup-to-container
 * resolver exist, an implementation returns them and nothing else changes.
 *
 * <pre>{@code
 * PairLabels labels = new PairLabels() {
 *   public String family(Syscall s) { return s.family(); }
 *   public String container(SyscallPair p) { return containers.name(p.cgroupId()); }
 *   public boolean hasContainers() { return true; }
 * };
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
   * The family label of {@code syscall} (fs, net, mem, ...), or null to leave the label out.
   * Called on reader threads when a series is exported.
   */
  String family(Syscall syscall);

  /**
   * The container the pair's process runs in, "" when none or unknown. Called on the consumer
   * thread for every pair: it must be a cached lookup that allocates nothing and returns the
   * same String instance for the same container.
   */
  String container(SyscallPair pair);

  /** Whether {@link #container} can return names (the overflow series then has one too). */
  boolean hasContainers();
}
