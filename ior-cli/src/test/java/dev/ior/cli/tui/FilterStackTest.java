// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.tui;

import static dev.ior.cli.tui.TuiPairs.pair;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.core.event.PairRecord;
import org.junit.jupiter.api.Test;

/** The Stream tab's filter stack: push, pop, search, and the filters a cell stands for. */
class FilterStackTest {
  private final PairRecord slowRead = pair("db", 10, "read", "/d/a", 5_000_000, 100);
  private final PairRecord fastWrite = pair("db", 10, "write", "/d/b", 1_000, 10);
  private final PairRecord other = pair("sh", 11, "read", "/d/a", 2_000, 1);

  private boolean matches(FilterStack f, PairRecord p) {
    return f.matches(p, StreamView.line(p));
  }

  @Test
  void pushedFiltersAllApplyAndPopInReverse() {
    FilterStack f = new FilterStack();
    assertTrue(matches(f, other));
    f.push(StreamView.filterFor(slowRead, 1));          // comm cell
    assertEquals("comm=db", f.describe());
    assertTrue(matches(f, slowRead) && matches(f, fastWrite));
    assertFalse(matches(f, other));
    f.push(StreamView.filterFor(slowRead, 0));          // latency cell: >= 5 ms
    assertEquals("comm=db > latency>=5.00ms", f.describe());
    assertTrue(matches(f, slowRead));
    assertFalse(matches(f, fastWrite));
    assertTrue(f.pop());
    assertTrue(matches(f, fastWrite));
    assertTrue(f.pop());
    assertFalse(f.pop(), "empty");
    assertTrue(f.isEmpty());
  }

  @Test
  void cellsStandForComPidSyscallAndFile() {
    assertEquals("pid=10", StreamView.filterFor(slowRead, 2).label());
    assertEquals("syscall=read", StreamView.filterFor(slowRead, 3).label());
    assertEquals("file=/d/a", StreamView.filterFor(slowRead, 4).label());
    assertTrue(StreamView.filterFor(slowRead, 4).matches(other));
  }

  @Test
  void searchMatchesTheLineCaseInsensitivelyAndPopsLast() {
    FilterStack f = new FilterStack();
    f.push(StreamFilter.of(StreamFilter.Kind.SYSCALL, "read"));
    f.search("/D/A");
    assertEquals("syscall=read //D/A", f.describe(), "the search is shown after a /");
    assertTrue(matches(f, other));
    assertFalse(matches(f, fastWrite));
    f.pop();
    assertEquals("/D/A", f.search(), "the filter goes first, the search last");
    f.pop();
    assertTrue(f.isEmpty());
  }
}
