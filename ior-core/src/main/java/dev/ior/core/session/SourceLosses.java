// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.session;

/**
 * Losses only a record source can count. -1 means the source could not tell (a kernel counter
 * that could not be read): shown as unknown, never as 0.
 *
 * @param ringDrops records the kernel could not reserve because the ring was full
 * @param unreadAtStop records still in the ring when the trace stopped
 * @param kernelSkipped runs of the BPF programs the kernel skipped (recursion misses)
 * @param storageFull calls not traced because the kernel had no per-thread state for them
 * @param namesLost file names the kernel could not hand over
 */
public record SourceLosses(long ringDrops, long unreadAtStop, long kernelSkipped,
    long storageFull, long namesLost) {
  /** No losses (a recording: its own losses were counted when it was made). */
  public static final SourceLosses NONE = new SourceLosses(0, 0, 0, 0, 0);
}
