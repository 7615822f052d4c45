// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.proc;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.ior.zeekspy.ZeekSpyException;
import dev.ior.zeekspy.ZeekSpyException.Reason;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads a live process's memory with {@code process_vm_readv(2)}: every request of a batch becomes
 * one remote iovec, so a whole batch costs one system call (per 1024 requests) and the target is
 * never stopped. The iovec arrays are native memory allocated once. Not thread-safe.
 *
 * <pre>{@code
 * try (RemoteMemory mem = new VmReadvMemory(1234)) {
 *   mem.read(batch);
 * }
 * }</pre>
 */
public final class VmReadvMemory implements RemoteMemory {
  /** Linux's IOV_MAX: the most iovecs one call takes. */
  static final int IOV_MAX = 1024;
  private static final int IOVEC = 16;

  private final int pid;
  private final Memory localIov = new Memory((long) IOV_MAX * IOVEC);
  private final Memory remoteIov = new Memory((long) IOV_MAX * IOVEC);
  private final ByteBuffer local = localIov.getByteBuffer(0, localIov.size())
      .order(ByteOrder.nativeOrder());
  private final ByteBuffer remote = remoteIov.getByteBuffer(0, remoteIov.size())
      .order(ByteOrder.nativeOrder());
  private final long localAddr = Pointer.nativeValue(localIov);
  private final long remoteAddr = Pointer.nativeValue(remoteIov);
  private ByteBuffer lastData;
  private long lastDataAddr;

  /**
   * Memory of process {@code pid}; nothing is checked until the first read.
   *
   * @param pid process id
   */
  public VmReadvMemory(long pid) {
    this.pid = Math.toIntExact(pid);
  }

  @Override
  public void read(ReadBatch batch) {
    long base = dataAddress(batch.data());
    int n = batch.size();
    int i = 0;
    while (i < n) {
      int chunk = Math.min(IOV_MAX, n - i);
      for (int k = 0; k < chunk; k++) {
        int o = k * IOVEC;
        local.putLong(o, base + batch.offset(i + k));
        local.putLong(o + 8, batch.length(i + k));
        remote.putLong(o, batch.address(i + k));
        remote.putLong(o + 8, batch.length(i + k));
      }
      long got = LibC.process_vm_readv(pid, localAddr, chunk, remoteAddr, chunk, 0);
      i = got < 0 ? failed(batch, i, LibC.errno()) : settle(batch, i, chunk, got);
    }
  }

  /** Marks the requests {@code got} bytes cover as read; returns the next request to try. */
  private static int settle(ReadBatch batch, int first, int chunk, long got) {
    int j = first;
    long left = got;
    while (j < first + chunk && left >= batch.length(j)) {
      batch.markRead(j, true);
      left -= batch.length(j);
      j++;
    }
    if (j < first + chunk) {
      // The kernel stops at the first range it cannot read: that one failed, retry after it.
      batch.markRead(j, false);
      j++;
    }
    return j;
  }

  private int failed(ReadBatch batch, int first, int errno) {
    switch (errno) {
      case LibC.EFAULT:
      case LibC.ENOMEM:
      case LibC.EIO:
        batch.markRead(first, false);
        return first + 1;
      case LibC.ESRCH:
        throw new ZeekSpyException(Reason.TARGET_EXITED, "process " + pid + " exited");
      case LibC.EPERM:
        throw new ZeekSpyException(Reason.PERMISSION_DENIED, permissionMessage(pid));
      default:
        throw new ZeekSpyException(Reason.IO,
            "process_vm_readv on pid " + pid + " failed: " + LibC.describe(errno));
    }
  }

  /**
   * {@return the message for EPERM from process_vm_readv or ptrace on {@code pid}}
   *
   * @param pid process id
   */
  public static String permissionMessage(long pid) {
    return "not permitted to read the memory of process " + pid
        + " (run as root or as the process's user with CAP_SYS_PTRACE, e.g. "
        + "'sudo setcap cap_sys_ptrace+ep' on the java binary; check "
        + "/proc/sys/kernel/yama/ptrace_scope)";
  }

  private long dataAddress(ByteBuffer data) {
    if (data != lastData) {
      lastDataAddr = Pointer.nativeValue(Native.getDirectBufferPointer(data));
      lastData = data;
    }
    return lastDataAddr;
  }

  @Override
  public void close() {
    localIov.close();
    remoteIov.close();
  }
}
