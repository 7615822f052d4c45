// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.stats;

import java.util.Objects;

/**
 * What a run saw and lost, in small named groups: the records read, the calls paired, the bytes,
 * the names, io_uring, and every {@link LossKind} on its own, so nothing is lost silently.
 *
 * <pre>{@code
 * TraceStats s = stream.stats();
 * if (s.lossy()) System.err.println("totals are lower bounds: " + s.losses());
 * System.out.println(s.calls().paired() + " calls, " + s.bytes().written() + " bytes written");
 * }</pre>
 *
 * @param durationNs how long the trace ran (a replay: the span of its records), ns, >= 0
 * @param records what was read from the source
 * @param calls what became of the calls
 * @param bytes bytes moved by successful calls
 * @param names how files were named
 * @param uring io_uring calls (counted, not decoded)
 * @param losses every kind of loss
 */
public record TraceStats(long durationNs, Records records, Calls calls, Bytes bytes, Names names,
    Uring uring, Losses losses) {
  /** Nothing seen, nothing lost. */
  public static final TraceStats EMPTY = new TraceStats(0, new Records(0, 0, 0),
      new Calls(0, 0, 0, 0, 0, 0, 0), new Bytes(0, 0, 0), new Names(0, 0, 0), new Uring(0, 0),
      Losses.NONE);

  /**
   * Requires every part (use the parts' {@code NONE} constants for nothing counted).
   *
   * @param durationNs how long the trace ran (a replay: the span of its records), ns, >= 0
   * @param records what was read from the source
   * @param calls what became of the calls
   * @param bytes bytes moved by successful calls
   * @param names how files were named
   * @param uring io_uring calls (counted, not decoded)
   * @param losses every kind of loss
   * @throws NullPointerException when a part is null
   */
  public TraceStats {
    Objects.requireNonNull(records, "records");
    Objects.requireNonNull(calls, "calls");
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(names, "names");
    Objects.requireNonNull(uring, "uring");
    Objects.requireNonNull(losses, "losses");
  }

  /**
   * Records read from the source.
   *
   * @param total every record (enter, exit, name and process records)
   * @param enters enter records
   * @param exits exit records
   */
  public record Records(long total, long enters, long exits) {}

  /**
   * Calls.
   *
   * @param paired syscalls paired (an enter matched with its exit)
   * @param emitted pairs that passed the filters and reached the outputs
   * @param failed pairs that returned an error
   * @param restarts pairs that returned a kernel restart code (-512..-516); not errors
   * @param interrupted of those, calls not restarted: the program saw EINTR
   * @param compat pairs of 32-bit (ia32) calls
   * @param inFlightAtStop enters still waiting for their exit when the trace stopped
   * @param refused calls refused before they ran (a seccomp filter, a tracer): the kernel's enter
   *     tracepoint never fired; shown, built from the exit's registers, and marked
   */
  public record Calls(long paired, long emitted, long failed, long restarts, long interrupted,
      long compat, long inFlightAtStop, long refused) {
    /**
     * Calls of a source that knows of no refused call (older .ior files).
     *
     * @param paired syscalls paired
     * @param emitted pairs that passed the filters
     * @param failed pairs that returned an error
     * @param restarts pairs that returned a kernel restart code
     * @param interrupted of those, calls the program saw fail with EINTR
     * @param compat pairs of 32-bit (ia32) calls
     * @param inFlightAtStop enters still waiting for their exit at the stop
     */
    public Calls(long paired, long emitted, long failed, long restarts, long interrupted,
        long compat, long inFlightAtStop) {
      this(paired, emitted, failed, restarts, interrupted, compat, inFlightAtStop, 0);
    }
  }

  /**
   * Bytes returned by successful calls.
   *
   * @param read by the read family
   * @param written by the write family
   * @param transferred by transfer calls (sendfile, splice, copy_file_range, ...)
   */
  public record Bytes(long read, long written, long transferred) {}

  /**
   * How files were named.
   *
   * @param pathsCut paths longer than a record or a name walk could carry (marked in the pairs)
   * @param late names looked up in /proc after the call because the kernel had not named them
   * @param lost names the kernel could not hand over (ring full); their calls may show a late name
   */
  public record Names(long pathsCut, long late, long lost) {}

  /**
   * io_uring: its operations run inside the kernel, not as syscalls; counted, not decoded.
   *
   * @param enters io_uring_enter calls
   * @param submitted operations those calls submitted (their return values summed)
   */
  public record Uring(long enters, long submitted) {}

  /** {@return every known loss summed (see {@link Losses#total()})} */
  public long lost() {
    return losses.total();
  }

  /** {@return whether totals are lower bounds ("at least") because something was lost} */
  public boolean lossy() {
    return losses.total() > 0;
  }

  /**
   * {@return these stats with the duration {@code durationNs} (ns)}
   *
   * @param durationNs how long the trace ran, ns, >= 0
   */
  public TraceStats withDuration(long durationNs) {
    return new TraceStats(durationNs, records, calls, bytes, names, uring, losses);
  }

  /**
   * {@return these stats with what only the record source knows added: its losses and the names it
   * lost}
   *
   * @param sourceLosses what the source lost (ring full, unread at stop, kernel counters)
   * @param namesLost names the kernel could not hand over
   */
  public TraceStats plusSource(Losses sourceLosses, long namesLost) {
    return new TraceStats(durationNs, records, calls, bytes,
        new Names(names.pathsCut(), names.late(), names.lost() + namesLost), uring,
        losses.plus(sourceLosses));
  }
}
