// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ior.core.TracePipeline;
import dev.ior.core.filter.PairFilter;
import dev.ior.core.internal.decode.Ident;
import dev.ior.core.internal.decode.RecordLayout;
import dev.ior.core.internal.decode.RecordWriter;
import dev.ior.core.record.RecordSink;
import dev.ior.core.record.StackNamesTap;
import dev.ior.core.syscall.Syscall;
import dev.ior.core.syscall.SyscallTable;
import dev.ior.core.trace.spi.ProcFs;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The kernel's mapping records reach the stack resolver named, before the stack that needs them,
 * and the process's end makes the resolver forget them.
 */
class KernelMappingsTest {
  private static final long EXT4 = 0xEF53;
  private final SyscallTable table = SyscallTable.standard();
  private final Syscall write = table.byName("write");
  private final ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
  private final RecordWriter w = new RecordWriter();
  private final List<String> seen = new ArrayList<>();

  /** Says what it is told, in order. */
  private final StackResolver resolver = new StackResolver() {
    @Override
    public CallStack resolve(int pid, int stackId, long spWord) {
      seen.add("resolve " + pid + " " + stackId);
      return new CallStack(List.of("main", "write"));
    }

    @Override
    public void mapping(int pid, int index, FileMapping m) {
      seen.add("mapping " + pid + " #" + index + " " + m.perms() + " " + m.path() + " @"
          + Long.toHexString(m.offset()) + " " + m.deviceName() + " " + m.inode());
    }

    @Override
    public void forget(int pid) {
      seen.add("forget " + pid);
    }
  };

  private void feed(TracePipeline p) {
    buf.flip();
    while (buf.hasRemaining()) {
      int at = buf.position();
      int kind = buf.getInt(at);
      int size = RecordLayout.minSize(kind);
      if (kind == RecordLayout.KIND_NAME) {
        size += buf.getInt(at + RecordLayout.NAME_LEN);
      }
      p.accept(buf, at, size);
      buf.position(at + size);
    }
    buf.clear();
  }

  /** A short-lived process's records as the kernel sends them, up to its exit. */
  private void shortLivedProcess(Ident libc, Ident exe) {
    w.name(buf, libc, EXT4, 1, "libc.so.6", "x86_64-linux-gnu", "lib", "usr");
    w.name(buf, exe, EXT4, 1, "callchain", "tmp");
    w.mapping(buf, 30, 30, 0, 5, 0x555500001000L, 0x555500002000L, 0x1000, exe);
    w.mapping(buf, 30, 30, 1, 5, 0x7f0000028000L, 0x7f00001bd000L, 0x28000, libc);
    w.enterFd(buf, write, 30, 30, 100, "callchain", 3, 0, 12, new Ident(), 0);
    w.stack(buf, 30, 30, 110, 5, 0);
    w.exit(buf, write, 30, 30, 120, 12);
    w.proc(buf, RecordLayout.KIND_TASK_EXIT, RecordLayout.F_GROUP_DEAD, 30, 30, 130, "callchain",
        0, 0);
  }

  @Test
  void mappingsComeNamedBeforeTheStackAndGoWithTheProcess() {
    List<CallStack> stacks = new ArrayList<>();
    TracePipeline p = new TracePipeline(table, PairFilter.NONE, ProcFs.EMPTY,
        pair -> stacks.add(pair.stack()), resolver);
    shortLivedProcess(new Ident().set(1001, 8 << 20 | 1, 1), new Ident().set(2002, 8 << 20 | 1, 2));
    feed(p);
    assertEquals(List.of("mapping 30 #0 r-xp /tmp/callchain @1000 08:01 2002",
        "mapping 30 #1 r-xp /usr/lib/x86_64-linux-gnu/libc.so.6 @28000 08:01 1001",
        "resolve 30 5", "forget 30"), seen);
    assertEquals("main;write", stacks.get(0).folded());
  }

  @Test
  void aMappingWhoseNameRecordWasLostHasNoPath() {
    TracePipeline p = new TracePipeline(table, PairFilter.NONE, ProcFs.EMPTY, pair -> {},
        resolver);
    w.mapping(buf, 30, 30, 0, 5, 0x1000, 0x2000, 0, new Ident().set(7, 1, 1));
    feed(p);
    assertEquals(List.of("mapping 30 #0 r-xp  @0 00:01 7"), seen);
  }

  @Test
  void aRecordingTapPassesTheMappingsToTheLiveResolver() {
    RecordSink none = (b, offset, length) -> {};
    new StackTable(new StackNamesTap(resolver, none))
        .mapping(9, 0, new FileMapping(1, 2, 0, 4, 0, 3, "/bin/x"));
    assertEquals(List.of("mapping 9 #0 --xp /bin/x @0 00:00 3"), seen);
  }
}
