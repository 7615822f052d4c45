// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.decode;

import static dev.ior.core.decode.RecordLayout.*;

import dev.ior.core.syscall.Syscall;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Encodes records exactly as the BPF programs write them: for tests, benchmarks and synthetic
 * streams. Each method appends one record at the buffer's position and returns its size.
 *
 * <pre>{@code
 * ByteBuffer buf = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
 * RecordWriter.enterPath(buf, openat, 42, 42, 1_000, "cat", -100, "/etc/hosts", 0, 0);
 * RecordWriter.exit(buf, openat, 42, 42, 2_000, 3);
 * }</pre>
 */
public final class RecordWriter {
  private RecordWriter() {}

  /** An exit record. */
  public static int exit(ByteBuffer b, Syscall s, int pid, int tid, long timeNs, long ret) {
    int at = head(b, KIND_EXIT, s.id(), pid, tid, timeNs, EXIT_SIZE);
    b.putLong(at + EXIT_RET, ret);
    return EXIT_SIZE;
  }

  /** An enter record of the none/fd shapes with its three argument slots. */
  public static int enterArgs(ByteBuffer b, Syscall s, int pid, int tid, long timeNs, String comm,
      long a0, long a1, long a2) {
    int at = enter(b, KIND_ENTER_ARGS, s, pid, tid, timeNs, comm, ARGS_SIZE);
    b.putLong(at + ARGS_ARGS, a0).putLong(at + ARGS_ARGS + 8, a1).putLong(at + ARGS_ARGS + 16, a2);
    return ARGS_SIZE;
  }

  /** An enter record of the path/open shapes; a null path encodes a failed copy (-EFAULT). */
  public static int enterPath(ByteBuffer b, Syscall s, int pid, int tid, long timeNs, String comm,
      int dirfd, String path, long flags, long mode) {
    int at = enter(b, KIND_ENTER_PATH, s, pid, tid, timeNs, comm, PATH_SIZE);
    b.putLong(at + PATH_DIRFD, dirfd).putLong(at + PATH_FLAGS, flags).putLong(at + PATH_MODE, mode);
    b.putInt(at + PATH_PATH_LEN, string(b, at + PATH_PATH, path));
    return PATH_SIZE;
  }

  /** An enter record of the name shape. */
  public static int enterName(ByteBuffer b, Syscall s, int pid, int tid, long timeNs, String comm,
      int oldDirfd, String oldPath, int newDirfd, String newPath) {
    int at = enter(b, KIND_ENTER_NAME, s, pid, tid, timeNs, comm, NAME_SIZE);
    b.putLong(at + NAME_OLD_DIRFD, oldDirfd).putLong(at + NAME_NEW_DIRFD, newDirfd);
    b.putInt(at + NAME_OLD_LEN, string(b, at + NAME_OLD_PATH, oldPath));
    b.putInt(at + NAME_NEW_LEN, string(b, at + NAME_NEW_PATH, newPath));
    return NAME_SIZE;
  }

  /** A process record: {@link RecordLayout#KIND_PROC_EXEC}, FORK or TASK_EXIT. */
  public static int proc(ByteBuffer b, int kind, int pid, int tid, long timeNs, String comm,
      int otherTid) {
    int at = head(b, kind, 0, pid, tid, timeNs, PROC_SIZE);
    fixed(b, at + PROC_COMM, comm, COMM_LEN);
    b.putInt(at + PROC_OTHER_TID, otherTid);
    return PROC_SIZE;
  }

  private static int enter(ByteBuffer b, int kind, Syscall s, int pid, int tid, long timeNs,
      String comm, int size) {
    int at = head(b, kind, s.id(), pid, tid, timeNs, size);
    fixed(b, at + ENTER_COMM, comm, COMM_LEN);
    return at;
  }

  private static int head(ByteBuffer b, int kind, int sys, int pid, int tid, long timeNs,
      int size) {
    if (b.order() != ByteOrder.LITTLE_ENDIAN) {
      throw new IllegalArgumentException("records are little-endian");
    }
    int at = b.position();
    for (int i = 0; i < size; i++) {
      b.put(at + i, (byte) 0);
    }
    b.putInt(at + HEAD_KIND, kind).putInt(at + HEAD_SYS, sys).putInt(at + HEAD_PID, pid)
        .putInt(at + HEAD_TID, tid).putLong(at + HEAD_TIME_NS, timeNs);
    b.position(at + size);
    return at;
  }

  private static void fixed(ByteBuffer b, int at, String s, int max) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    int n = Math.min(bytes.length, max - 1);
    b.put(at, bytes, 0, n);
  }

  /** Writes a NUL-terminated string as bpf_probe_read_user_str does; returns its copied length. */
  private static int string(ByteBuffer b, int at, String s) {
    if (s == null) {
      return -14;
    }
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    int n = Math.min(bytes.length, PATH_LEN - 1);
    b.put(at, bytes, 0, n);
    b.put(at + n, (byte) 0);
    return n + 1;
  }
}
