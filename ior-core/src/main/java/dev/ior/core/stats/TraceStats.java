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
 */
public record TraceStats(long durationNs, long records, long enters, long exits, long malformed,
    long pairs, long emitted, long restarts, long failed, long ringDrops, long unreadAtStop,
    long entersWithoutExit, long exitsWithoutEnter, long mismatched, long inFlightAtStop,
    long bytesRead, long bytesWritten, long bytesTransferred) {

  /** Records lost before pairing or pairs broken: ring drops, unread, orphans, mismatches. */
  public long lost() {
    return ringDrops + unreadAtStop + entersWithoutExit + exitsWithoutEnter + mismatched
        + malformed;
  }

  /** Whether totals are lower bounds ("at least") because something was lost. */
  public boolean lossy() {
    return ringDrops > 0 || unreadAtStop > 0 || malformed > 0 || exitsWithoutEnter > 0
        || entersWithoutExit > 0 || mismatched > 0;
  }

  /** These stats with the ring's own losses and the run's duration filled in. */
  public TraceStats withRing(long durationNs, long ringDrops, long unreadAtStop) {
    return new TraceStats(durationNs, records, enters, exits, malformed, pairs, emitted,
        restarts, failed, ringDrops, unreadAtStop, entersWithoutExit, exitsWithoutEnter,
        mismatched, inFlightAtStop, bytesRead, bytesWritten, bytesTransferred);
  }
}
