// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.decode;

import static dev.ior.core.decode.RecordLayout.*;

import dev.ior.core.syscall.Syscall;
import dev.ior.core.syscall.SyscallTable;
import dev.ior.core.util.StringInterner;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Decodes ring-buffer records (layout: {@link RecordLayout}) into calls on a {@link
 * RecordHandler}. Allocation-free in steady state: one reused {@link EnterRecord}, comms and
 * paths interned. Reads with absolute indices, so the buffer's position is never touched.
 *
 * <pre>{@code
 * RecordDecoder d = new RecordDecoder(SyscallTable.standard());
 * d.decode(buffer, offset, length, handler); // buffer must be little-endian
 * }</pre>
 */
public final class RecordDecoder {
  private final SyscallTable table;
  private final EnterRecord enter = new EnterRecord();
  private final StringInterner comms = new StringInterner(1 << 12);
  private final StringInterner paths = new StringInterner(1 << 16);

  /** A decoder for records whose syscall ids come from {@code table}. */
  public RecordDecoder(SyscallTable table) {
    this.table = table;
  }

  /** Decodes the record at {@code buf[offset, offset + length)}. */
  public void decode(ByteBuffer buf, int offset, int length, RecordHandler h) {
    assert buf.order() == ByteOrder.LITTLE_ENDIAN;
    if (length < HEAD_SIZE) {
      h.malformed(length >= 4 ? buf.getInt(offset) : 0, length);
      return;
    }
    int kind = buf.getInt(offset + HEAD_KIND);
    int size = sizeOf(kind);
    if (size < 0 || length < size) {
      h.malformed(kind, length);
      return;
    }
    int sys = buf.getInt(offset + HEAD_SYS);
    int pid = buf.getInt(offset + HEAD_PID);
    int tid = buf.getInt(offset + HEAD_TID);
    long time = buf.getLong(offset + HEAD_TIME_NS);
    switch (kind) {
      case KIND_EXIT:
        h.exit(sys, pid, tid, time, buf.getLong(offset + EXIT_RET));
        return;
      case KIND_PROC_EXEC:
        h.exec(pid, tid, time, comms.intern(buf, offset + PROC_COMM, COMM_LEN));
        return;
      case KIND_PROC_FORK:
        h.fork(pid, tid, buf.getInt(offset + PROC_OTHER_TID));
        return;
      case KIND_TASK_EXIT:
        h.taskExit(pid, tid);
        return;
      default:
        decodeEnter(buf, offset, kind, sys, pid, tid, time, h);
    }
  }

  private void decodeEnter(ByteBuffer buf, int off, int kind, int sys, int pid, int tid, long time,
      RecordHandler h) {
    Syscall s = table.byId(sys);
    if (s == null || kind != expectedKind(s)) {
      h.malformed(kind, sizeOf(kind));
      return;
    }
    EnterRecord e = enter;
    e.clearArgs();
    e.syscall = s;
    e.pid = pid;
    e.tid = tid;
    e.timeNs = time;
    e.comm = comms.intern(buf, off + ENTER_COMM, COMM_LEN);
    if (kind == KIND_ENTER_ARGS) {
      e.arg0 = buf.getLong(off + ARGS_ARGS);
      e.arg1 = buf.getLong(off + ARGS_ARGS + 8);
      e.arg2 = buf.getLong(off + ARGS_ARGS + 16);
    } else if (kind == KIND_ENTER_PATH) {
      e.dirfd = (int) buf.getLong(off + PATH_DIRFD);
      e.flags = buf.getLong(off + PATH_FLAGS);
      e.mode = buf.getLong(off + PATH_MODE);
      e.path = string(buf, off + PATH_PATH, buf.getInt(off + PATH_PATH_LEN));
    } else {
      e.dirfd = (int) buf.getLong(off + NAME_OLD_DIRFD);
      e.dirfd2 = (int) buf.getLong(off + NAME_NEW_DIRFD);
      e.path = string(buf, off + NAME_OLD_PATH, buf.getInt(off + NAME_OLD_LEN));
      e.path2 = string(buf, off + NAME_NEW_PATH, buf.getInt(off + NAME_NEW_LEN));
    }
    h.enter(e);
  }

  private static int expectedKind(Syscall s) {
    switch (s.shape()) {
      case NAME:
        return KIND_ENTER_NAME;
      case PATH:
      case OPEN:
      case OPENHOW:
        return KIND_ENTER_PATH;
      default:
        return KIND_ENTER_ARGS;
    }
  }

  /** A path the kernel copied ({@code copied} includes the NUL), or null if the copy failed. */
  private String string(ByteBuffer buf, int off, int copied) {
    return copied <= 0 ? null : paths.intern(buf, off, Math.min(copied, PATH_LEN));
  }
}
