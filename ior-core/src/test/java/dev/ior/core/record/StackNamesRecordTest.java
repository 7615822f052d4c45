// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.core.event.PairRecord;
import dev.ior.core.pair.MutablePair;
import dev.ior.core.stack.CallStack;
import dev.ior.core.stack.StackResolver;
import dev.ior.core.stack.StackTable;
import dev.ior.core.syscall.SyscallTable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stack-names record of recordings, the tap that writes it, and pairs that keep stacks. */
class StackNamesRecordTest {
  private static final CallStack CHAIN = new CallStack(List.of("main", "flush_log", "write_all",
      "write"), true);

  /** Keeps a copy of every record handed to it. */
  private static final class Kept implements RecordSink {
    final List<ByteBuffer> records = new ArrayList<>();

    @Override
    public void accept(ByteBuffer buf, int offset, int length) {
      byte[] b = new byte[length];
      buf.get(offset, b);
      records.add(ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN));
    }
  }

  private static StackNamesRecord.Names roundTrip(CallStack s) {
    Kept kept = new Kept();
    new StackNamesRecord().write(4242, 17, 0x7fff1234L, s, kept);
    ByteBuffer b = kept.records.get(0);
    assertTrue(StackNamesRecord.is(b, 0, b.capacity()));
    return StackNamesRecord.read(b, 0, b.capacity());
  }

  @Test
  void framesPidIdAndStackPointerWordRoundTrip() {
    StackNamesRecord.Names n = roundTrip(CHAIN);
    assertEquals(new StackNamesRecord.Names(4242, 17, 0x7fff1234L, CHAIN), n);
    assertTrue(n.stack().provisional());
    CallStack utf8 = new CallStack(List.of("main", "\u00e9crire", "std::vector<int>::push_back"));
    assertEquals(utf8, roundTrip(utf8).stack());
  }

  @Test
  void aStackTooLongForOneRecordKeepsItsInnermostFrames() {
    List<String> frames = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      frames.add("frame_number_" + i + "_with_a_long_templated_name");
    }
    List<String> back = roundTrip(new CallStack(frames)).stack().frames();
    assertTrue(back.get(0).matches("\\[\\d+ frames cut\\]"), back.get(0));
    int cut = Integer.parseInt(back.get(0).replaceAll("\\D", ""));
    assertEquals(frames.subList(cut, frames.size()), back.subList(1, back.size()));
  }

  @Test
  void aCutRecordIsRefused() {
    Kept kept = new Kept();
    new StackNamesRecord().write(1, 2, 0, CHAIN, kept);
    ByteBuffer b = kept.records.get(0);
    assertNull(StackNamesRecord.read(b, 0, b.capacity() - 3));
  }

  @Test
  void theTapRecordsEveryResolutionAndTheTableLearnsIt() {
    Kept kept = new Kept();
    StackNamesTap tap = new StackNamesTap((pid, id, sp) -> CHAIN, kept);
    new StackTable(tap).get(7, 3, 0);
    assertEquals(1, kept.records.size());
    StackNamesRecord.Names n = StackNamesRecord.read(kept.records.get(0), 0,
        kept.records.get(0).capacity());
    StackTable replay = new StackTable(StackResolver.NONE);
    replay.learn(n.pid(), n.stackId(), n.spWord(), n.stack());
    assertEquals(CHAIN, replay.get(7, 3, 0));
    assertEquals("[stack unavailable]", replay.get(7, 4, 0).folded(), "not recorded");
  }

  @Test
  void copiesOfPairsKeepTheirStack() {
    MutablePair view = new MutablePair();
    view.syscall = SyscallTable.standard().byName("write");
    view.stack = CHAIN;
    PairRecord copy = view.copy();
    assertEquals(CHAIN, copy.stack());
    assertEquals(CHAIN, ((dev.ior.core.event.SyscallPair) copy).copy().stack());
    MutablePair again = new MutablePair();
    again.set(copy);
    assertEquals(CHAIN, again.stack());
  }
}
