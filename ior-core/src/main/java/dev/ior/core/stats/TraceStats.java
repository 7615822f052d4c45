// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.stats;

/**
 * What a run saw and lost: every kind of loss separately, so that nothing is lost silently.
 *
 * <pre>{@code
 * TraceStats s = session.stats();
 * if (s.lossy()) System.err.println("totals are lower bounds: " + s.lost() + " losses");
 * }</pre>
 *
 * @param durationNs how long the trace ran, ns
 * @param records records read from the ring (enter, exit and process records)
 * @param enters enter records
 * @param exits exit records
 * @param malformed records that could not be decoded (unknown kind or id, short)
 * @param pairs syscalls paired (enter matched with its exit)
 * @param emitted pairs that passed the filters and reached the sinks
 * @param restarts pairs that returned a kernel restart code (-512..-516); not errors
 * @param failed pairs that returned an error
 * @param ringDrops records the kernel could not reserve because the ring was full
 * @param unreadAtStop records still in the ring when the trace stopped (not consumed)
 * @param entersWithoutExit enters whose exit never came (replaced by a later enter of the thread,
 *     or the thread ended)
 * @param exitsWithoutEnter exits without a pending enter (their enter was lost or came before
 *     tracing started)
 * @param mismatched exits whose pending enter was of another syscall
 * @param inFlightAtStop enters still waiting for their exit when the trace stopped
 * @param bytesRead bytes returned by successful read-family calls
 * @param bytesWritten bytes returned by successful write-family calls
 * @param bytesTransferred bytes returned by successful transfer calls (sendfile, splice, ...)
 * @param straddled an enter and an exit of one thread that were not of one call (their sequence
 *     numbers differ: records between them were lost); never paired, counted here
 * @param interrupted calls that returned a restart code and were not restarted: the program saw
 *     EINTR (the kernel's decision: the signal delivered next, its handler and SA_RESTART)
 * @param compat pairs of 32-bit (ia32) calls
 * @param pathsCut paths longer than a record or a name walk could carry (marked in the pairs)
 * @param lateNames file names looked up in /proc after the call because the kernel had not
 *     named them (marked in the pairs)
 * @param kernelSkipped runs of our BPF programs the kernel skipped (recursion misses), -1 when
 *     the kernel did not say
 * @param storageFull calls not traced because the kernel could not give the thread its state
 * @param namesLost file names the kernel could not hand over (ring full); their calls may show
 *     a late name
 * @param uringEnters io_uring_enter calls: their operations run inside the kernel, not as
 *     syscalls, so ior counts them but does not decode them
 * @param uringSubmitted operations those calls submitted (their return values summed)
 * @param refused calls refused before they ran (a seccomp filter, a tracer): the kernel's enter
 *     tracepoint never fired; shown, built from the exit's registers, and marked
 */
public record TraceStats(long durationNs, long records, long enters, long exits, long malformed,
    long pairs, long emitted, long restarts, long failed, long ringDrops, long unreadAtStop,
    long entersWithoutExit, long exitsWithoutEnter, long mismatched, long inFlightAtStop,
    long bytesRead, long bytesWritten, long bytesTransferred, long straddled, long interrupted,
    long compat, long pathsCut, long lateNames, long kernelSkipped, long storageFull,
    long namesLost, long uringEnters, long uringSubmitted, long refused) {

  /** Stats of a source without the capture v2 counters (older .ior files, tests). */
  public TraceStats(long durationNs, long records, long enters, long exits, long malformed,
      long pairs, long emitted, long restarts, long failed, long ringDrops, long unreadAtStop,
      long entersWithoutExit, long exitsWithoutEnter, long mismatched, long inFlightAtStop,
      long bytesRead, long bytesWritten, long bytesTransferred) {
    this(durationNs, records, enters, exits, malformed, pairs, emitted, restarts, failed,
        ringDrops, unreadAtStop, entersWithoutExit, exitsWithoutEnter, mismatched, inFlightAtStop,
        bytesRead, bytesWritten, bytesTransferred, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  }

  /**
   * Records lost before pairing or pairs broken: ring drops, unread, orphans, mismatches, pairs
   * straddling a loss, calls the kernel could not trace.
   */
  public long lost() {
    return ringDrops + unreadAtStop + entersWithoutExit + exitsWithoutEnter + mismatched
        + malformed + straddled + storageFull + Math.max(0, kernelSkipped);
  }

  /** Whether totals are lower bounds ("at least") because something was lost. */
  public boolean lossy() {
    return lost() > 0;
  }

  /**
   * These stats with what only the record source knows filled in: the run's duration (ns), the
   * ring's losses and the kernel's counters (kernelSkipped -1 when the kernel did not say).
   */
  public TraceStats withSource(long durationNs, long ringDrops, long unreadAtStop,
      long kernelSkipped, long storageFull, long namesLost) {
    return new TraceStats(durationNs, records, enters, exits, malformed, pairs, emitted,
        restarts, failed, ringDrops, unreadAtStop, entersWithoutExit, exitsWithoutEnter,
        mismatched, inFlightAtStop, bytesRead, bytesWritten, bytesTransferred, straddled,
        interrupted, compat, pathsCut, lateNames, kernelSkipped, storageFull, namesLost,
        uringEnters, uringSubmitted, refused);
  }
}
