// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.ior.core.syscall.SyscallTable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every record shape survives encode → decode with every field. */
class RecordDecoderTest {
  private final SyscallTable table = SyscallTable.standard();
  private final ByteBuffer buf = ByteBuffer.allocate(1024).order(ByteOrder.LITTLE_ENDIAN);
  private final List<String> calls = new ArrayList<>();
  private final EnterRecord seen = new EnterRecord();

  private final RecordHandler handler = new RecordHandler() {
    @Override
    public void enter(EnterRecord e) {
      seen.copyFrom(e);
      calls.add("enter");
    }

    @Override
    public void exit(int sys, int pid, int tid, long timeNs, long ret) {
      calls.add("exit " + sys + " " + pid + " " + tid + " " + timeNs + " " + ret);
    }

    @Override
    public void exec(int pid, int tid, long timeNs, String comm) {
      calls.add("exec " + pid + " " + tid + " " + timeNs + " " + comm);
    }

    @Override
    public void fork(int pid, int tid, int childTid) {
      calls.add("fork " + pid + " " + tid + " " + childTid);
    }

    @Override
    public void taskExit(int pid, int tid) {
      calls.add("taskExit " + pid + " " + tid);
    }

    @Override
    public void malformed(int kind, int length) {
      calls.add("malformed " + kind + " " + length);
    }
  };

  private void decode(int size) {
    new RecordDecoder(table).decode(buf, 0, size, handler);
    buf.clear();
  }

  @Test
  void exitRecord() {
    decode(RecordWriter.exit(buf, table.byName("read"), 7, 8, 123456789012L, -11));
    assertEquals(List.of("exit " + table.byName("read").id() + " 7 8 123456789012 -11"), calls);
  }

  @Test
  void argsRecord() {
    decode(RecordWriter.enterArgs(buf, table.byName("fcntl"), 7, 8, 99, "fifteen-chars-x", 3,
        1030, -1));
    assertSame(table.byName("fcntl"), seen.syscall);
    assertEquals(7, seen.pid);
    assertEquals(8, seen.tid);
    assertEquals(99, seen.timeNs);
    assertEquals("fifteen-chars-x", seen.comm);
    assertEquals(3, seen.arg0);
    assertEquals(1030, seen.arg1);
    assertEquals(-1, seen.arg2);
  }

  @Test
  void pathRecordKeepsUtf8AndControlCharacters() {
    String odd = "/tmp/é\nline;semi";
    decode(RecordWriter.enterPath(buf, table.byName("openat"), 1, 2, 3, "c", -100, odd, 0101, 0640));
    assertEquals(odd, seen.path);
    assertEquals(-100, seen.dirfd);
    assertEquals(0101, seen.flags);
    assertEquals(0640, seen.mode);
  }

  @Test
  void pathRecordWithFailedCopyHasNoPath() {
    decode(RecordWriter.enterPath(buf, table.byName("unlink"), 1, 2, 3, "c", -100, null, 0, 0));
    assertNull(seen.path);
  }

  @Test
  void longPathIsTruncatedToTheRecordSize() {
    String longPath = "/" + "x".repeat(400);
    decode(RecordWriter.enterPath(buf, table.byName("openat"), 1, 2, 3, "c", -100, longPath, 0, 0));
    assertEquals(longPath.substring(0, RecordLayout.PATH_LEN - 1), seen.path);
  }

  @Test
  void nameRecord() {
    decode(RecordWriter.enterName(buf, table.byName("renameat2"), 1, 2, 3, "mv", 5, "old", 6,
        "new"));
    assertEquals("old", seen.path);
    assertEquals("new", seen.path2);
    assertEquals(5, seen.dirfd);
    assertEquals(6, seen.dirfd2);
  }

  @Test
  void processRecords() {
    decode(RecordWriter.proc(buf, RecordLayout.KIND_PROC_EXEC, 4, 5, 6, "sh", 0));
    decode(RecordWriter.proc(buf, RecordLayout.KIND_PROC_FORK, 4, 5, 6, "sh", 77));
    decode(RecordWriter.proc(buf, RecordLayout.KIND_TASK_EXIT, 4, 5, 6, "sh", 0));
    assertEquals(List.of("exec 4 5 6 sh", "fork 4 5 77", "taskExit 4 5"), calls);
  }

  @Test
  void recordKindMustMatchTheSyscallShape() {
    decode(RecordWriter.enterArgs(buf, table.byName("openat"), 1, 2, 3, "c", 0, 0, 0));
    assertEquals(List.of("malformed 2 64"), calls);
  }

  @Test
  void decodingRepeatedNamesReusesStrings() {
    decode(RecordWriter.enterPath(buf, table.byName("openat"), 1, 2, 3, "c", -100, "/a/b", 0, 0));
    String first = seen.path;
    RecordDecoder d = new RecordDecoder(table);
    RecordWriter.enterPath(buf, table.byName("openat"), 1, 2, 3, "c", -100, "/a/b", 0, 0);
    d.decode(buf, 0, RecordLayout.PATH_SIZE, handler);
    String a = seen.path;
    d.decode(buf, 0, RecordLayout.PATH_SIZE, handler);
    assertEquals(first, a);
    assertSame(a, seen.path);
  }
}
