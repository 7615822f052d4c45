// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.sink;

import dev.ior.core.event.SyscallPair;

/**
 * Receives paired syscalls on the consumer thread. {@link #accept} must be fast and must not
 * keep the pair (it is a reused view): copy what you need or call {@link SyscallPair#copy()}.
 *
 * <pre>{@code
 * PairSink printer = pair -> System.out.println(pair.syscall().name() + " " + pair.file());
 * }</pre>
 */
@FunctionalInterface
public interface PairSink {
  /**
   * One pair; valid only during this call.
   *
   * @param pair the pair, a reused view; {@link SyscallPair#copy()} to keep it
   */
  void accept(SyscallPair pair);

  /**
   * Called when the tracer has drained the ring and is about to wait for more, and after each
   * wait (the poll interval, 10 ms by default) even when nothing came: a good moment to flush
   * buffered output so that a live stream appears promptly, or to send a batch whose time is up.
   * Consumer thread; must be cheap when there is nothing to do.
   */
  default void flush() {}

  /** Called once after the last pair; flush buffered output here. */
  default void finish() {}

  /**
   * A task of process {@code pid} replaced its program (execve); {@code comm} is the new
   * program's name. Consumer thread, like {@link #accept}.
   *
   * @param timeNs CLOCK_MONOTONIC ns
   * @param pid process id (tgid)
   * @param tid the thread that exec'd
   * @param comm the new program's name (its comm, at most 15 bytes)
   */
  default void exec(int pid, int tid, long timeNs, String comm) {}

  /**
   * Task {@code tid} of process {@code pid} forked: {@code childPid} is the new process (or
   * the new thread's id, for a thread).
   *
   * @param timeNs CLOCK_MONOTONIC ns
   * @param pid process id (tgid) of the forking task
   * @param tid the forking thread
   * @param childPid the new process's pid, or the new thread's tid
   */
  default void fork(int pid, int tid, int childPid, long timeNs) {}

  /**
   * Task {@code tid} of process {@code pid} exited.
   *
   * @param timeNs CLOCK_MONOTONIC ns
   * @param pid process id (tgid)
   * @param tid the thread that exited
   */
  default void taskExit(int pid, int tid, long timeNs) {}

  /**
   * A moment worth marking, not a call: e.g. the trigger of a flight recording being replayed.
   * Timelines show it; other sinks ignore it.
   *
   * @param timeNs CLOCK_MONOTONIC ns
   * @param pid the process it concerns, 0 for none
   * @param tid the thread it concerns, 0 for none
   * @param label what happened, for people
   */
  default void mark(long timeNs, int pid, int tid, String label) {}

  /**
   * {@return a sink that feeds several sinks in order}
   *
   * @param sinks the sinks, each receiving every call in the order given
   */
  static PairSink tee(PairSink... sinks) {
    PairSink[] all = sinks.clone();
    return new PairSink() {
      @Override
      public void accept(SyscallPair pair) {
        for (PairSink s : all) {
          s.accept(pair);
        }
      }

      @Override
      public void flush() {
        for (PairSink s : all) {
          s.flush();
        }
      }

      @Override
      public void finish() {
        for (PairSink s : all) {
          s.finish();
        }
      }

      @Override
      public void exec(int pid, int tid, long timeNs, String comm) {
        for (PairSink s : all) {
          s.exec(pid, tid, timeNs, comm);
        }
      }

      @Override
      public void fork(int pid, int tid, int childPid, long timeNs) {
        for (PairSink s : all) {
          s.fork(pid, tid, childPid, timeNs);
        }
      }

      @Override
      public void taskExit(int pid, int tid, long timeNs) {
        for (PairSink s : all) {
          s.taskExit(pid, tid, timeNs);
        }
      }

      @Override
      public void mark(long timeNs, int pid, int tid, String label) {
        for (PairSink s : all) {
          s.mark(timeNs, pid, tid, label);
        }
      }
    };
  }
}
