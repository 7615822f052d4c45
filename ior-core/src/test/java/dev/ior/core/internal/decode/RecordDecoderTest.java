// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.internal.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.core.syscall.SyscallTable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every record shape survives encode → decode with every field. */
class RecordDecoderTest {
  private final SyscallTable table = SyscallTable.standard();
  private final ByteBuffer buf = ByteBuffer.allocate(16384).order(ByteOrder.LITTLE_ENDIAN);
  private final RecordWriter w = new RecordWriter();
  private final List<String> calls = new ArrayList<>();
  private final EnterRecord seen = new EnterRecord();

  private final RecordHandler handler = new RecordHandler() {
    @Override
    public void enter(EnterRecord e) {
      seen.copyFrom(e);
      calls.add("enter");
    }

    @Override
    public void exit(ExitRecord x) {
      calls.add("exit " + x.sys + " " + x.pid + " " + x.tid + " " + x.timeNs + " " + x.ret
          + " seq " + x.seq + " file " + x.file + (x.hasPaths ? " paths " + x.path : ""));
    }

    @Override
    public void name(Ident id, String name) {
      calls.add("name " + id + " " + name);
    }

    @Override
    public void exec(int pid, int tid, long timeNs, String comm, int oldTid) {
      calls.add("exec " + pid + " " + tid + " " + timeNs + " " + comm + " " + oldTid);
    }

    @Override
    public void fork(int pid, int tid, long timeNs, int childPid, int childTid) {
      calls.add("fork " + pid + " " + tid + " " + childPid + " " + childTid);
    }

    @Override
    public void taskExit(int pid, int tid, long timeNs, boolean groupDead) {
      calls.add("taskExit " + pid + " " + tid + " " + groupDead);
    }

    @Override
    public void stack(int pid, int tid, int seq, int stackId, long spWord) {
      calls.add("stack " + pid + " " + tid + " seq " + seq + " id " + stackId + " sp "
          + Long.toHexString(spWord));
    }

    @Override
    public void mapping(int pid, int index, int prot, long start, long end, long offset,
        Ident file) {
      calls.add("mapping " + pid + " #" + index + " prot " + prot + " " + Long.toHexString(start)
          + "-" + Long.toHexString(end) + " @" + Long.toHexString(offset) + " " + file);
    }

    @Override
    public void stackFrames(int pid, int stackId, long[] ips, int depth) {
      StringBuilder b = new StringBuilder("frames " + pid + " id " + stackId + ":");
      for (int i = 0; i < depth; i++) {
        b.append(' ').append(Long.toHexString(ips[i]));
      }
      calls.add(b.toString());
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
  void stackAndMappingRecords() {
    decode(w.mapping(buf, 7, 8, 2, 5, 0x7f0000001000L, 0x7f0000180000L, 0x26000,
        new Ident().set(1234, 8 << 20 | 1, 99)));
    decode(w.stack(buf, 7, 8, 100, 42, 0x55aa00001234L));
    assertEquals(List.of("mapping 7 #2 prot 5 7f0000001000-7f0000180000 @26000 8:1:1234/99",
        "stack 7 8 seq 0 id 42 sp 55aa00001234"), calls);
  }

  @Test
  void stackFramesRecordsCarryTheirAddressesOrAreMalformed() {
    decode(w.stackFrames(buf, 7, 8, 4097, 0x55aa00001234L, 0x55aa00002000L, 0x7f0000012345L));
    int size = w.stackFrames(buf, 7, 8, 4098, 1, 2, 3);
    decode(size - 8); // cut: its last address is missing
    int one = w.stackFrames(buf, 7, 8, 4099, 1);
    buf.putInt(RecordLayout.STACK_FRAMES_DEPTH, 0); // no frame at all
    decode(one);
    assertEquals(List.of("frames 7 id 4097: 55aa00001234 55aa00002000 7f0000012345",
        "malformed " + RecordLayout.KIND_STACK_FRAMES + " " + (size - 8),
        "malformed " + RecordLayout.KIND_STACK_FRAMES + " " + one), calls);
  }

  @Test
  void exitRecord() {
    decode(w.exit(buf, table.byName("read"), 7, 8, 123456789012L, -11));
    decode(w.exit(buf, table.byName("openat"), 7, 8, 5, 3, new Ident().set(12, 1 << 20 | 2, 9)));
    assertEquals(List.of("exit " + table.byName("read").id() + " 7 8 123456789012 -11 seq 0 file 0:0:0/0",
        "exit " + table.byName("openat").id() + " 7 8 5 3 seq 0 file 1:2:12/9"), calls);
  }

  @Test
  void argsRecord() {
    decode(w.enterFd(buf, table.byName("fcntl"), 7, 8, 99, "fifteen-chars-x", 3,
        1030, -1, new Ident().set(5, 6, 7), RecordLayout.F_COMPAT));
    assertSame(table.byName("fcntl"), seen.syscall);
    assertEquals(7, seen.pid);
    assertEquals(8, seen.tid);
    assertEquals(99, seen.timeNs);
    assertEquals("fifteen-chars-x", seen.comm);
    assertEquals(3, seen.arg0);
    assertEquals(1030, seen.arg1);
    assertEquals(-1, seen.arg2);
    assertEquals(1, seen.seq, "the thread's first enter");
    assertTrue(seen.compat());
    assertEquals("0:6:5/7", seen.file.toString());
  }

  @Test
  void pathRecordKeepsUtf8AndControlCharacters() {
    String odd = "/tmp/é\nline;semi";
    decode(w.enterPath(buf, table.byName("openat"), 1, 2, 3, "c", -100, odd, 0101, 0640));
    assertEquals(odd, seen.path);
    assertEquals(-100, seen.dirfd);
    assertEquals(0101, seen.openFlags);
    assertEquals(0640, seen.mode);
  }

  @Test
  void pathRecordWithFailedCopyHasNoPath() {
    decode(w.enterPath(buf, table.byName("unlink"), 1, 2, 3, "c", -100, null, 0, 0));
    assertNull(seen.path);
    decode(w.enterPath(buf, table.byName("unlink"), 1, 2, 3, "c", -100, "", 0, 0));
    assertEquals("", seen.path, "an empty path (AT_EMPTY_PATH) is not a failed copy");
  }

  @Test
  void pathsUpToPathMaxComeWhole() {
    for (int n : new int[] {291, 4000, RecordLayout.PATH_MAX - 1}) {
      String longPath = "/" + "x".repeat(n - 1);
      decode(w.enterPath(buf, table.byName("openat"), 1, 2, 3, "c", -100, longPath, 0, 0));
      assertEquals(longPath, seen.path);
    }
  }

  @Test
  void lateExitPathsAndKernelNames() {
    decode(w.exitWithPaths(buf, table.byName("openat"), 1, 2, 3, 4, "/late", null));
    decode(w.name(buf, new Ident().set(77, 3, 1), 0xEF53, 1, "b.txt", "dir", "tmp"));
    decode(w.name(buf, new Ident().set(78, 3, 1), 0xEF53, 0, "gone"));
    decode(w.name(buf, new Ident().set(79, 9, 1), 0x50495045L, 1, ""));
    decode(w.name(buf, new Ident().set(80, 9, 1), 0x09041934L, 1, "[eventfd]"));
    decode(w.name(buf, new Ident().set(81, 9, 1), 0x534F434BL, 1, ""));
    decode(w.name(buf, new Ident().set(82, 3, 1), 0xEF53, 1));
    assertEquals(List.of("exit " + table.byName("openat").id() + " 1 2 3 4 seq 0 file 0:0:0/0 paths /late",
        "name 0:3:77/1 /tmp/dir/b.txt", "name 0:3:78/1 /gone (deleted)",
        "name 0:9:79/1 pipe:[79]", "name 0:9:80/1 anon_inode:[eventfd]",
        "name 0:9:81/1 socket:[81]", "name 0:3:82/1 /"), calls);
  }

  @Test
  void nameRecord() {
    decode(w.enterName(buf, table.byName("renameat2"), 1, 2, 3, "mv", 5, "old", 6,
        "new"));
    assertEquals("old", seen.path);
    assertEquals("new", seen.path2);
    assertEquals(5, seen.dirfd);
    assertEquals(6, seen.dirfd2);
  }

  @Test
  void processRecords() {
    decode(w.proc(buf, RecordLayout.KIND_PROC_EXEC, 0, 4, 5, 6, "sh", 0, 9));
    decode(w.proc(buf, RecordLayout.KIND_PROC_FORK, 0, 4, 5, 6, "sh", 77, 78));
    decode(w.proc(buf, RecordLayout.KIND_TASK_EXIT, RecordLayout.F_GROUP_DEAD, 4, 5, 6, "sh", 0,
        0));
    assertEquals(List.of("exec 4 5 6 sh 9", "fork 4 5 77 78", "taskExit 4 5 true"), calls);
  }

  @Test
  void recordKindMustMatchTheSyscallShape() {
    decode(w.enterArgs(buf, table.byName("openat"), 1, 2, 3, "c", 0, 0, 0));
    assertEquals(List.of("malformed 2 136"), calls);
  }

  @Test
  void decodingRepeatedNamesReusesStrings() {
    decode(w.enterPath(buf, table.byName("openat"), 1, 2, 3, "c", -100, "/a/b", 0, 0));
    String first = seen.path;
    RecordDecoder d = new RecordDecoder(table);
    int size = w.enterPath(buf, table.byName("openat"), 1, 2, 3, "c", -100, "/a/b", 0, 0);
    d.decode(buf, 0, size, handler);
    String a = seen.path;
    d.decode(buf, 0, size, handler);
    assertEquals(first, a);
    assertSame(a, seen.path);
  }
}
