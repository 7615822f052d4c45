// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.flamegraph.profile.Frame;
import dev.ior.zeekspy.layout.LayoutCatalog;
import dev.ior.zeekspy.layout.Offsets;
import dev.ior.zeekspy.testing.FakeZeek;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The stack walker against fake Zeek memory, for both built-in layouts. */
class StackWalkerTest {
  private static final String HTTP = "base/protocols/http/main.zeek";
  private static final String BIF = "base/bif/event.bif.zeek";

  private FakeZeek z;
  private long setState;

  private void setUp(int layout, Limits limits) {
    z = new FakeZeek(offsets(layout));
    long request = z.func("http_request", 0, z.location(BIF, 610));
    setState = z.func("HTTP::set_state", 0, z.location(HTTP, 180));
    long bif = z.func("Log::__write", 1, 0);
    long f0 = z.frame(z.stmt(z.location(HTTP, 231)));
    long f1 = z.frame(z.stmt(z.location(HTTP, 197)));
    z.stacks(List.of(new long[] {0, request},
            new long[] {z.callExpr(z.location(HTTP, 231)), setState},
            new long[] {z.callExpr(z.location(HTTP, 197)), bif}),
        List.of(f0, f1));
    walker = new StackWalker(z.memory(), offsets(layout), FakeZeek.CALL_STACK,
        FakeZeek.FRAME_STACK, limits);
  }

  private StackWalker walker;

  static Offsets offsets(int layout) {
    return LayoutCatalog.builtIn().layouts().get(layout).offsets();
  }

  private List<Frame> walk(WalkOutcome expected) {
    List<Frame> out = new ArrayList<>();
    assertEquals(expected, walker.walk(out), walker.lastTornReason());
    return out;
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void decodesCallersLinesDeclarationsAndBuiltins(int layout) {
    setUp(layout, Limits.DEFAULT);
    assertEquals(List.of(new Frame("http_request", "zeek", BIF, 610),
            new Frame("http_request", "zeek", HTTP, 231),
            new Frame("HTTP::set_state", "zeek", HTTP, 197),
            new Frame("Log::__write", "bif", "", 0)),
        walk(WalkOutcome.STACK));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void leafScriptLineComesFromNextStmt(int layout) {
    setUp(layout, Limits.DEFAULT);
    long f = z.func("HTTP::new_http_session", 0, z.location(HTTP, 150));
    z.stacks(List.of(new long[] {z.callExpr(z.location(HTTP, 197)), f}),
        List.of(z.frame(z.stmt(z.location(HTTP, 158)))));
    assertEquals(List.of(new Frame("HTTP::new_http_session", "zeek", HTTP, 158)),
        walk(WalkOutcome.STACK));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void emptyStack(int layout) {
    setUp(layout, Limits.DEFAULT);
    z.stacks(List.of(), List.of());
    assertEquals(List.of(), walk(WalkOutcome.EMPTY));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void steadyStateCostsOneReadAtAnyDepth(int layout) {
    setUp(layout, Limits.DEFAULT.withRevalidateEvery(1000));
    walk(WalkOutcome.STACK);
    walk(WalkOutcome.STACK);
    int before = z.memory().reads();
    for (int i = 0; i < 10; i++) {
      walk(WalkOutcome.STACK);
    }
    assertEquals(10, z.memory().reads() - before);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void aRevalidatingSampleCostsTwoReads(int layout) {
    setUp(layout, Limits.DEFAULT.withRevalidateEvery(4));
    walk(WalkOutcome.STACK);
    int before = z.memory().reads();
    for (int i = 0; i < 8; i++) {
      walk(WalkOutcome.STACK);
    }
    assertEquals(8 + 2, z.memory().reads() - before);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void stackChangingWithinTheSingleReadIsNoticed(int layout) {
    setUp(layout, Limits.DEFAULT.withRevalidateEvery(1000).withRetries(0));
    List<Frame> first = walk(WalkOutcome.STACK);
    walk(WalkOutcome.STACK);
    long finish = readLong(FakeZeek.CALL_STACK + 8);
    // A pop after the arrays were copied and before the headers are read again.
    z.memory().onRange((n, range) -> z.memory().putLong(FakeZeek.CALL_STACK + 8,
        range >= 3 ? finish - 24 : finish));
    walk(WalkOutcome.TORN);
    assertTrue(walker.lastTornReason().contains("changed"), walker.lastTornReason());
    z.memory().onRange((n, range) -> {});
    z.memory().putLong(FakeZeek.CALL_STACK + 8, finish);
    assertEquals(first, walk(WalkOutcome.STACK));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void movedVectorIsFollowed(int layout) {
    setUp(layout, Limits.DEFAULT);
    List<Frame> first = walk(WalkOutcome.STACK);
    long f = z.func("HTTP::set_state", 0, 0);
    z.stacks(List.of(new long[] {0, f}), List.of(z.frame(0))); // new arrays elsewhere
    assertEquals(List.of(new Frame("HTTP::set_state", "zeek", "", 0)), walk(WalkOutcome.STACK));
    assertEquals(4, first.size());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void stackChangingDuringEveryReadIsTorn(int layout) {
    setUp(layout, Limits.DEFAULT);
    long start = readLong(FakeZeek.CALL_STACK);
    z.memory().onRead(n -> z.memory().putLong(FakeZeek.CALL_STACK + 8,
        start + 24 * (1 + n % 3))); // differs from every previous read
    walk(WalkOutcome.TORN);
    assertTrue(walker.lastTornReason().contains("changed"), walker.lastTornReason());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void aTornFirstAttemptIsRetried(int layout) {
    setUp(layout, Limits.DEFAULT);
    long finish = readLong(FakeZeek.CALL_STACK + 8);
    z.memory().onRead(n -> z.memory().putLong(FakeZeek.CALL_STACK + 8,
        n == 2 ? finish - 24 : finish));
    assertEquals(4, walk(WalkOutcome.STACK).size());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void implausibleDataIsTornNotGarbage(int layout) {
    setUp(layout, Limits.DEFAULT);
    long start = readLong(FakeZeek.CALL_STACK);
    z.memory().putLong(FakeZeek.CALL_STACK + 8, start - 24); // finish before start
    walk(WalkOutcome.TORN);
    assertTrue(walker.lastTornReason().contains("not a vector"), walker.lastTornReason());

    setUp(layout, Limits.DEFAULT);
    z.memory().putLong(readLong(FakeZeek.CALL_STACK) + 8, 0x7000_0000_0000L); // unmapped Func
    walk(WalkOutcome.TORN);
    assertTrue(walker.lastTornReason().contains("unreadable function"), walker.lastTornReason());

    setUp(layout, Limits.DEFAULT);
    z.setName(setState, "bad\u0001name");
    walk(WalkOutcome.TORN);
    assertTrue(walker.lastTornReason().contains("not text"), walker.lastTornReason());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4})
  void cachedFunctionsAreCheckedAgain(int every) {
    setUp(0, Limits.DEFAULT.withRevalidateEvery(every));
    walk(WalkOutcome.STACK);
    z.setName(setState, "HTTP::renamed");
    boolean seen = false;
    for (int i = 0; i < every && !seen; i++) {
      seen = walk(WalkOutcome.STACK).get(2).name().equals("HTTP::renamed");
    }
    assertTrue(seen, "a changed Func must be noticed within " + every + " samples");
  }

  private long readLong(long address) {
    var b = new dev.ior.zeekspy.proc.ReadBatch(1, 8);
    int h = b.add(address, 8);
    z.memory().onRead(n -> {});
    z.memory().read(b);
    return b.getLong(h, 0);
  }
}
