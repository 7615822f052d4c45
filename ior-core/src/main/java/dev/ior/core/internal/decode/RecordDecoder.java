// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.internal.decode;

import static dev.ior.core.internal.decode.RecordLayout.*;

import dev.ior.core.internal.util.StringInterner;
import dev.ior.core.syscall.Shape;
import dev.ior.core.syscall.Syscall;
import dev.ior.core.syscall.SyscallTable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Decodes ring-buffer records (layout: {@link RecordLayout}) into calls on a {@link
 * RecordHandler}. Allocation-free in steady state: reused {@link EnterRecord} and {@link
 * ExitRecord}, comms and paths interned. Reads with absolute indices, so the buffer's position is
 * never touched.
 *
 * <pre>{@code
 * RecordDecoder d = new RecordDecoder(SyscallTable.standard());
 * d.decode(buffer, offset, length, handler); // buffer must be little-endian
 * }</pre>
 */
public final class RecordDecoder {
  private final SyscallTable table;
  private final EnterRecord enter = new EnterRecord();
  private final ExitRecord exit = new ExitRecord();
  private final Ident ident = new Ident();
  private final StringInterner comms = new StringInterner(1 << 12);
  private final StringInterner paths = new StringInterner(1 << 16);
  private final KernelNames kernelNames = new KernelNames();
  private byte[] nameBytes = new byte[256];
  private final long[] frames = new long[STACK_DEPTH];

  /** A decoder for records whose syscall ids come from {@code table}. */
  public RecordDecoder(SyscallTable table) {
    this.table = table;
  }

  /** The frames of a stack id: depth addresses, all within the record, else it is malformed. */
  private void decodeStackFrames(ByteBuffer buf, int offset, int length, int pid,
      RecordHandler h) {
    int depth = buf.getInt(offset + STACK_FRAMES_DEPTH);
    if (depth < 1 || depth > STACK_DEPTH || STACK_FRAMES_IPS + 8L * depth > length) {
      h.malformed(KIND_STACK_FRAMES, length);
      return;
    }
    for (int i = 0; i < depth; i++) {
      frames[i] = buf.getLong(offset + STACK_FRAMES_IPS + 8 * i);
    }
    h.stackFrames(pid, buf.getInt(offset + STACK_FRAMES_ID), frames, depth);
  }

  /** Decodes the record at {@code buf[offset, offset + length)}. */
  public void decode(ByteBuffer buf, int offset, int length, RecordHandler h) {
    assert buf.order() == ByteOrder.LITTLE_ENDIAN;
    if (length < HEAD_SIZE) {
      h.malformed(length >= 4 ? buf.getInt(offset) : 0, length);
      return;
    }
    int kind = buf.getInt(offset + HEAD_KIND);
    int size = minSize(kind);
    if (size < 0 || length < size) {
      h.malformed(kind, length);
      return;
    }
    int sys = Short.toUnsignedInt(buf.getShort(offset + HEAD_SYS));
    int flags = Short.toUnsignedInt(buf.getShort(offset + HEAD_FLAGS));
    int pid = buf.getInt(offset + HEAD_PID);
    int tid = buf.getInt(offset + HEAD_TID);
    long time = buf.getLong(offset + HEAD_TIME_NS);
    switch (kind) {
      case KIND_EXIT:
      case KIND_EXIT_PATH:
        decodeExit(buf, offset, length, kind, sys, flags, pid, tid, time, h);
        return;
      case KIND_NAME:
        decodeName(buf, offset, length, flags, h);
        return;
      case KIND_PROC_EXEC:
        h.exec(pid, tid, time, comms.intern(buf, offset + PROC_COMM, COMM_LEN),
            buf.getInt(offset + PROC_OTHER_TID));
        return;
      case KIND_PROC_FORK:
        h.fork(pid, tid, time, buf.getInt(offset + PROC_OTHER_PID),
            buf.getInt(offset + PROC_OTHER_TID), (flags & F_SHARED_FILES) != 0);
        return;
      case KIND_SIGNAL:
        h.signal(pid, tid, time, buf.getInt(offset + SIGNAL_SIG),
            buf.getInt(offset + SIGNAL_HANDLER), buf.getLong(offset + SIGNAL_SA_FLAGS));
        return;
      case KIND_TASK_EXIT:
        h.taskExit(pid, tid, time, (flags & F_GROUP_DEAD) != 0);
        return;
      case KIND_STACK:
        h.stack(pid, tid, buf.getInt(offset + STACK_SEQ), buf.getInt(offset + STACK_ID),
            buf.getLong(offset + STACK_SP_WORD));
        return;
      case KIND_STACK_FRAMES:
        decodeStackFrames(buf, offset, length, pid, h);
        return;
      case KIND_MAPPING:
        readIdent(buf, offset + MAPPING_FILE, ident);
        h.mapping(pid, buf.getInt(offset + MAPPING_INDEX), buf.getInt(offset + MAPPING_PROT),
            buf.getLong(offset + MAPPING_START), buf.getLong(offset + MAPPING_END),
            buf.getLong(offset + MAPPING_OFFSET), ident);
        return;
      default:
        decodeEnter(buf, offset, length, kind, sys, flags, pid, tid, time, h);
    }
  }

  private void decodeExit(ByteBuffer buf, int off, int length, int kind, int sys, int flags,
      int pid, int tid, long time, RecordHandler h) {
    ExitRecord x = exit;
    x.sys = sys;
    x.pid = pid;
    x.tid = tid;
    x.timeNs = time;
    x.flags = flags;
    x.seq = buf.getInt(off + EXIT_SEQ);
    x.ret = buf.getLong(off + EXIT_RET);
    readIdent(buf, off + EXIT_FILE, x.file);
    x.path = null;
    x.path2 = null;
    x.hasPaths = kind == KIND_EXIT_PATH;
    if (x.hasPaths) {
      int len0 = buf.getInt(off + EXIT_PATH_LEN);
      int len1 = buf.getInt(off + EXIT_PATH_LEN + 4);
      if (!pathsFit(off + EXIT_PATH_SIZE, len0, len1, off + length)) {
        h.malformed(kind, length);
        return;
      }
      x.path = string(buf, off + EXIT_PATH_SIZE, len0);
      x.path2 = string(buf, off + EXIT_PATH_SIZE + Math.max(0, len0), len1);
    }
    h.exit(x);
  }

  private void decodeEnter(ByteBuffer buf, int off, int length, int kind, int sys, int flags,
      int pid, int tid, long time, RecordHandler h) {
    Syscall s = table.byId(sys);
    if (s == null || (kind == KIND_ENTER_PATH) != s.hasPath()) {
      h.malformed(kind, length);
      return;
    }
    EnterRecord e = enter;
    e.syscall = s;
    e.pid = pid;
    e.tid = tid;
    e.timeNs = time;
    e.flags = flags;
    e.seq = buf.getInt(off + ENTER_SEQ);
    e.cgroupId = buf.getLong(off + ENTER_CGROUP_ID);
    e.comm = comms.intern(buf, off + ENTER_COMM, COMM_LEN);
    e.thread = comms.intern(buf, off + ENTER_THREAD, COMM_LEN);
    long a0 = buf.getLong(off + ENTER_ARGS);
    long a1 = buf.getLong(off + ENTER_ARGS + 8);
    long a2 = buf.getLong(off + ENTER_ARGS + 16);
    e.arg0 = a0;
    e.arg1 = a1;
    e.arg2 = a2;
    e.arg3 = buf.getLong(off + ENTER_ARGS + 24);
    readIdent(buf, off + ENTER_FILE, e.file);
    readIdent(buf, off + ENTER_FILE2, e.file2);
    e.path = null;
    e.path2 = null;
    e.dirfd = 0;
    e.dirfd2 = 0;
    e.openFlags = 0;
    e.mode = 0;
    if (kind == KIND_ENTER_PATH) {
      int len0 = buf.getInt(off + ENTER_PATH_LEN);
      int len1 = buf.getInt(off + ENTER_PATH_LEN + 4);
      if (!pathsFit(off + ENTER_PATH_SIZE, len0, len1, off + length)) {
        h.malformed(kind, length);
        return;
      }
      e.dirfd = (int) a0;
      if (s.shape() == Shape.NAME) {
        e.dirfd2 = (int) a1;
      } else {
        e.openFlags = a1;
        e.mode = a2;
      }
      e.path = string(buf, off + ENTER_PATH_SIZE, len0);
      e.path2 = string(buf, off + ENTER_PATH_SIZE + Math.max(0, len0), len1);
    }
    h.enter(e);
  }

  private void decodeName(ByteBuffer buf, int off, int length, int flags, RecordHandler h) {
    int len = buf.getInt(off + NAME_LEN);
    if (len < 0 || off + NAME_SIZE + len > off + length) {
      h.malformed(KIND_NAME, length);
      return;
    }
    readIdent(buf, off + NAME_ID, ident);
    if (nameBytes.length < len) {
      nameBytes = new byte[Math.max(len, nameBytes.length * 2)];
    }
    buf.get(off + NAME_SIZE, nameBytes, 0, len);
    int n = kernelNames.format(nameBytes, 0, len, buf.getLong(off + NAME_MAGIC), ident.ino,
        buf.getInt(off + NAME_NLINK), (flags & F_PATH_CUT) != 0);
    h.name(ident, paths.intern(kernelNames.out(), n));
  }

  private static void readIdent(ByteBuffer buf, int at, Ident id) {
    id.ino = buf.getLong(at + IDENT_INO);
    id.dev = buf.getInt(at + IDENT_DEV);
    id.gen = buf.getInt(at + IDENT_GEN);
  }

  private static boolean pathsFit(int from, int len0, int len1, int end) {
    return len0 <= PATH_MAX && len1 <= PATH_MAX
        && (long) from + Math.max(0, len0) + Math.max(0, len1) <= end;
  }

  /**
   * A path of {@code len} bytes; null if the kernel's copy failed (a negative errno). An empty or
   * NULL path (AT_EMPTY_PATH, utimensat's NULL) is "": the call is about the dirfd itself.
   */
  private String string(ByteBuffer buf, int off, int len) {
    return len < 0 ? null : len == 0 ? "" : paths.intern(buf, off, len);
  }
}
