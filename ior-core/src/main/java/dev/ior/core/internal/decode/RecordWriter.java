// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.internal.decode;

import static dev.ior.core.internal.decode.RecordLayout.*;

import dev.ior.core.internal.util.IntMap;
import dev.ior.core.syscall.Syscall;
import dev.ior.flamegraph.text.NameBytes;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Encodes records exactly as the BPF programs write them: for tests, benchmarks and synthetic
 * streams. Keeps each thread's sequence number as the kernel does (an enter takes the next, its
 * exit repeats it). Each method appends one record at the buffer's position and returns its size.
 *
 * <pre>{@code
 * ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
 * RecordWriter w = new RecordWriter();
 * w.enterPath(buf, openat, 42, 42, 1_000, "cat", -100, "/etc/hosts", 0, 0);
 * w.exit(buf, openat, 42, 42, 2_000, 3);
 * }</pre>
 */
public final class RecordWriter {
  private static final Ident NONE = new Ident();
  private final IntMap<int[]> seqs = new IntMap<>(16);

  private int[] seq(int tid) {
    int[] s = seqs.get(tid);
    if (s == null) {
      s = new int[1];
      seqs.put(tid, s);
    }
    return s;
  }

  /** Makes the next enter of {@code tid} skip a sequence number, as if a record had been lost. */
  public void skipSeq(int tid) {
    seq(tid)[0]++;
  }

  /** An exit record (no new descriptor). */
  public int exit(ByteBuffer b, Syscall s, int pid, int tid, long timeNs, long ret) {
    return exit(b, s, pid, tid, timeNs, ret, NONE);
  }

  /** An exit record; {@code opened} is the file of the descriptor an open returned. */
  public int exit(ByteBuffer b, Syscall s, int pid, int tid, long timeNs, long ret, Ident opened) {
    int at = head(b, KIND_EXIT, s.id(), 0, pid, tid, timeNs, EXIT_SIZE);
    b.putInt(at + EXIT_SEQ, seq(tid)[0]).putLong(at + EXIT_RET, ret);
    ident(b, at + EXIT_FILE, opened);
    return EXIT_SIZE;
  }

  /** An exit that carries the paths its enter could not read. */
  public int exitWithPaths(ByteBuffer b, Syscall s, int pid, int tid, long timeNs, long ret,
      String path, String path2) {
    int at = head(b, KIND_EXIT_PATH, s.id(), 0, pid, tid, timeNs, EXIT_PATH_SIZE);
    b.putInt(at + EXIT_SEQ, seq(tid)[0]).putLong(at + EXIT_RET, ret);
    int n0 = bytes(b, at + EXIT_PATH_SIZE, path);
    int n1 = bytes(b, at + EXIT_PATH_SIZE + Math.max(0, n0), path2);
    b.putInt(at + EXIT_PATH_LEN, n0).putInt(at + EXIT_PATH_LEN + 4, n1);
    return end(b, at, EXIT_PATH_SIZE + Math.max(0, n0) + Math.max(0, n1));
  }

  /** An enter record of the none/fd shapes with its first three argument slots. */
  public int enterArgs(ByteBuffer b, Syscall s, int pid, int tid, long timeNs, String comm,
      long a0, long a1, long a2) {
    return enterFd(b, s, pid, tid, timeNs, comm, a0, a1, a2, NONE, 0);
  }

  /** An enter record of the fd shape whose descriptor the kernel saw as file {@code file}. */
  public int enterFd(ByteBuffer b, Syscall s, int pid, int tid, long timeNs, String comm,
      long a0, long a1, long a2, Ident file, int flags) {
    int at = enter(b, KIND_ENTER, s, flags, pid, tid, timeNs, comm, ENTER_SIZE);
    b.putLong(at + ENTER_ARGS, a0).putLong(at + ENTER_ARGS + 8, a1)
        .putLong(at + ENTER_ARGS + 16, a2);
    ident(b, at + ENTER_FILE, file);
    return ENTER_SIZE;
  }

  /** An enter record of the path/open shapes; a null path encodes a failed copy (-EFAULT). */
  public int enterPath(ByteBuffer b, Syscall s, int pid, int tid, long timeNs, String comm,
      int dirfd, String path, long flags, long mode) {
    return enterPath(b, s, pid, tid, timeNs, comm, dirfd, path, flags, mode, NONE, 0);
  }

  /** An enter record of the path/open shapes whose relative path starts at directory {@code base}. */
  public int enterPath(ByteBuffer b, Syscall s, int pid, int tid, long timeNs, String comm,
      int dirfd, String path, long flags, long mode, Ident base, int recordFlags) {
    int at = enter(b, KIND_ENTER_PATH, s, recordFlags, pid, tid, timeNs, comm, ENTER_PATH_SIZE);
    b.putLong(at + ENTER_ARGS, dirfd).putLong(at + ENTER_ARGS + 8, flags)
        .putLong(at + ENTER_ARGS + 16, mode);
    ident(b, at + ENTER_FILE, base);
    int n0 = bytes(b, at + ENTER_PATH_SIZE, path);
    b.putInt(at + ENTER_PATH_LEN, n0);
    return end(b, at, ENTER_PATH_SIZE + Math.max(0, n0));
  }

  /** An enter record of the name shape. */
  public int enterName(ByteBuffer b, Syscall s, int pid, int tid, long timeNs, String comm,
      int oldDirfd, String oldPath, int newDirfd, String newPath) {
    int at = enter(b, KIND_ENTER_PATH, s, 0, pid, tid, timeNs, comm, ENTER_PATH_SIZE);
    b.putLong(at + ENTER_ARGS, oldDirfd).putLong(at + ENTER_ARGS + 8, newDirfd);
    int n0 = bytes(b, at + ENTER_PATH_SIZE, oldPath);
    int n1 = bytes(b, at + ENTER_PATH_SIZE + Math.max(0, n0), newPath);
    b.putInt(at + ENTER_PATH_LEN, n0).putInt(at + ENTER_PATH_LEN + 4, n1);
    return end(b, at, ENTER_PATH_SIZE + Math.max(0, n0) + Math.max(0, n1));
  }

  /**
   * A name record: the kernel names file {@code id}; {@code components} leaf first (as the
   * kernel walks), {@code magic} the filesystem's, {@code nlink} 0 for a deleted file.
   */
  public int name(ByteBuffer b, Ident id, long magic, int nlink, String... components) {
    int at = head(b, KIND_NAME, 0, 0, 0, 0, 0, NAME_SIZE);
    ident(b, at + NAME_ID, id);
    b.putLong(at + NAME_MAGIC, magic).putInt(at + NAME_NLINK, nlink);
    int n = 0;
    for (String c : components) {
      n += bytes(b, at + NAME_SIZE + n, c);
      b.put(at + NAME_SIZE + n++, (byte) 0);
    }
    b.putInt(at + NAME_LEN, n);
    return end(b, at, NAME_SIZE + n);
  }

  /** A signal record: {@code sig} delivered to {@code tid} after a restart code. */
  public int signal(ByteBuffer b, int pid, int tid, long timeNs, int sig, int handler,
      long saFlags) {
    int at = head(b, KIND_SIGNAL, 0, 0, pid, tid, timeNs, SIGNAL_SIZE);
    b.putInt(at + SIGNAL_SIG, sig).putInt(at + SIGNAL_HANDLER, handler)
        .putLong(at + SIGNAL_SA_FLAGS, saFlags);
    return SIGNAL_SIZE;
  }

  /** A stack record: the user stack of {@code tid}'s pending call (its exit comes next). */
  public int stack(ByteBuffer b, int pid, int tid, long timeNs, int stackId, long spWord) {
    int at = head(b, KIND_STACK, 0, 0, pid, tid, timeNs, STACK_SIZE);
    b.putInt(at + STACK_SEQ, seq(tid)[0]).putInt(at + STACK_ID, stackId)
        .putLong(at + STACK_SP_WORD, spWord);
    return STACK_SIZE;
  }

  /** A stack-frames record: the addresses {@code ips} (innermost first) of stack {@code stackId}. */
  public int stackFrames(ByteBuffer b, int pid, int tid, int stackId, long... ips) {
    int size = STACK_FRAMES_IPS + 8 * ips.length;
    int at = head(b, KIND_STACK_FRAMES, 0, 0, pid, tid, 0, size);
    b.putInt(at + STACK_FRAMES_ID, stackId).putInt(at + STACK_FRAMES_DEPTH, ips.length);
    for (int i = 0; i < ips.length; i++) {
      b.putLong(at + STACK_FRAMES_IPS + 8 * i, ips[i]);
    }
    return size;
  }

  /** A mapping record: an executable mapping of {@code file} in process {@code pid}. */
  public int mapping(ByteBuffer b, int pid, int tid, int index, int prot, long start, long end,
      long offset, Ident file) {
    int at = head(b, KIND_MAPPING, 0, 0, pid, tid, 0, MAPPING_SIZE);
    b.putInt(at + MAPPING_INDEX, index).putInt(at + MAPPING_PROT, prot)
        .putLong(at + MAPPING_START, start).putLong(at + MAPPING_END, end)
        .putLong(at + MAPPING_OFFSET, offset);
    ident(b, at + MAPPING_FILE, file);
    return MAPPING_SIZE;
  }

  /**
   * A process record: {@link RecordLayout#KIND_PROC_EXEC} ({@code otherTid}: the exec'ing
   * thread), FORK ({@code otherPid}/{@code otherTid}: the new task) or TASK_EXIT ({@code flags}
   * {@link RecordLayout#F_GROUP_DEAD} for a process's last thread).
   */
  public int proc(ByteBuffer b, int kind, int flags, int pid, int tid, long timeNs, String comm,
      int otherPid, int otherTid) {
    int at = head(b, kind, 0, flags, pid, tid, timeNs, PROC_SIZE);
    fixed(b, at + PROC_COMM, comm, COMM_LEN);
    b.putInt(at + PROC_OTHER_PID, otherPid).putInt(at + PROC_OTHER_TID, otherTid);
    return PROC_SIZE;
  }

  private int enter(ByteBuffer b, int kind, Syscall s, int flags, int pid, int tid, long timeNs,
      String comm, int size) {
    int at = head(b, kind, s.id(), flags, pid, tid, timeNs, size);
    b.putInt(at + ENTER_SEQ, ++seq(tid)[0]);
    fixed(b, at + ENTER_COMM, comm, COMM_LEN);
    fixed(b, at + ENTER_THREAD, comm, COMM_LEN);
    return at;
  }

  private static int head(ByteBuffer b, int kind, int sys, int flags, int pid, int tid,
      long timeNs, int size) {
    if (b.order() != ByteOrder.LITTLE_ENDIAN) {
      throw new IllegalArgumentException("records are little-endian");
    }
    int at = b.position();
    for (int i = 0; i < size; i++) {
      b.put(at + i, (byte) 0);
    }
    b.putInt(at + HEAD_KIND, kind).putShort(at + HEAD_SYS, (short) sys)
        .putShort(at + HEAD_FLAGS, (short) flags).putInt(at + HEAD_PID, pid)
        .putInt(at + HEAD_TID, tid).putLong(at + HEAD_TIME_NS, timeNs);
    b.position(at + size);
    return at;
  }

  private static int end(ByteBuffer b, int at, int size) {
    b.position(at + size);
    return size;
  }

  private static void ident(ByteBuffer b, int at, Ident id) {
    b.putLong(at + IDENT_INO, id.ino).putInt(at + IDENT_DEV, id.dev).putInt(at + IDENT_GEN, id.gen);
  }

  private static void fixed(ByteBuffer b, int at, String s, int max) {
    byte[] bytes = NameBytes.encode(s);
    int n = Math.min(bytes.length, max - 1);
    b.put(at, bytes, 0, n);
  }

  /** Writes a path's bytes (no NUL); returns their count, or -14 (-EFAULT) for null. */
  private static int bytes(ByteBuffer b, int at, String s) {
    if (s == null) {
      return -14;
    }
    byte[] bytes = NameBytes.encode(s);
    int n = Math.min(bytes.length, PATH_MAX - 1);
    b.put(at, bytes, 0, n);
    return n;
  }
}
