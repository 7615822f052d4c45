// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.proc;

import dev.ior.zeekspy.ZeekSpyException;
import dev.ior.zeekspy.ZeekSpyException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Stops one thread of the target per sample with {@code PTRACE_SEIZE} once, then {@code
 * PTRACE_INTERRUPT} + {@code waitpid} to stop and {@code PTRACE_CONT} to resume. Unlike
 * {@code PTRACE_ATTACH}, seizing sends no SIGSTOP, so the target sees no signal.
 *
 * <p>Must be used from one platform thread only: the kernel makes the seizing <em>thread</em> the
 * tracer, and requests from other threads fail with ESRCH. The target must not be a child of this
 * JVM: the JDK's process reaper would steal the stop notifications.
 *
 * <pre>{@code
 * try (PtraceStopper s = new PtraceStopper(pid)) {  // on the sampling thread
 *   s.attach();
 *   for (...) { s.stop(); memory.read(batch); s.resume(); }
 * }
 * }</pre>
 */
public final class PtraceStopper implements TargetStopper {
  private static final int SIGTRAP = 5;
  private static final int PTRACE_EVENT_STOP = 128;

  private final int tid;
  private final int[] status = new int[1];
  private boolean attached;
  private int pendingSignal;

  /**
   * A stopper for thread {@code tid} (for Zeek's script interpreter: the main thread = pid).
   *
   * @param tid thread id of the thread to stop
   */
  public PtraceStopper(long tid) {
    this.tid = Math.toIntExact(tid);
  }

  @Override
  public void attach() {
    if (LibC.ptrace(LibC.PTRACE_SEIZE, tid, 0, 0) != 0) {
      int errno = LibC.errno();
      if (errno == LibC.EPERM) {
        String tracer = statusField(tid, "TracerPid:");
        if (!tracer.isEmpty() && !tracer.equals("0")) {
          // The tracer is a thread; name its process, which is what a user can act on.
          int t = Integer.parseInt(tracer);
          String tgid = statusField(t, "Tgid:");
          throw new ZeekSpyException(Reason.ALREADY_TRACED, "process " + tid
              + " is already traced by process " + (tgid.isEmpty() ? tracer : tgid) + " ("
              + statusField(t, "Name:") + "); detach gdb, strace or the other profiler first");
        }
        throw new ZeekSpyException(Reason.PERMISSION_DENIED, VmReadvMemory.permissionMessage(tid));
      }
      throw failure("PTRACE_SEIZE", errno);
    }
    attached = true;
  }

  @Override
  public void stop() {
    if (LibC.ptrace(LibC.PTRACE_INTERRUPT, tid, 0, 0) != 0) {
      throw failure("PTRACE_INTERRUPT", LibC.errno());
    }
    awaitStop();
  }

  private void awaitStop() {
    int r;
    do {
      r = LibC.waitpid(tid, status, LibC.WALL);
    } while (r < 0 && LibC.errno() == LibC.EINTR);
    if (r < 0) {
      throw failure("waitpid", LibC.errno());
    }
    int st = status[0];
    if ((st & 0xff) != 0x7f) {
      attached = false; // exited or killed: the kernel already dropped the trace relationship
      throw new ZeekSpyException(Reason.TARGET_EXITED, "process " + tid + " exited");
    }
    int sig = (st >> 8) & 0xff;
    boolean interruptStop = (st >>> 16) == PTRACE_EVENT_STOP;
    // A signal arriving at the same time shows up as a signal-delivery stop: the tracer must
    // hand it back on resume or the target would never see it.
    pendingSignal = interruptStop || sig == SIGTRAP ? 0 : sig;
  }

  @Override
  public void resume() {
    if (LibC.ptrace(LibC.PTRACE_CONT, tid, 0, pendingSignal) != 0) {
      throw failure("PTRACE_CONT", LibC.errno());
    }
    pendingSignal = 0;
  }

  @Override
  public void close() {
    if (!attached) {
      return;
    }
    attached = false;
    // DETACH needs a stopped tracee; if the target is gone there is nothing to release.
    try {
      if (LibC.ptrace(LibC.PTRACE_INTERRUPT, tid, 0, 0) == 0) {
        awaitStop();
        LibC.ptrace(LibC.PTRACE_DETACH, tid, 0, pendingSignal);
      }
    } catch (ZeekSpyException gone) {
      // exited while detaching: nothing left to release
    }
  }

  private ZeekSpyException failure(String what, int errno) {
    if (errno == LibC.ESRCH || errno == LibC.ECHILD) {
      attached = false;
      return new ZeekSpyException(Reason.TARGET_EXITED, "process " + tid + " exited (" + what
          + ": " + LibC.describe(errno) + ")");
    }
    return new ZeekSpyException(Reason.IO,
        what + " on " + tid + " failed: " + LibC.describe(errno));
  }

  private static String statusField(int tid, String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Integer.toString(tid), "status"))) {
        if (line.startsWith(field)) {
          return line.substring(field.length()).strip();
        }
      }
    } catch (IOException e) {
      // fall through: report a plain permission problem
    }
    return "";
  }
}
