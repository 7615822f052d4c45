// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.sample;

import dev.ior.zeekspy.layout.Offsets;
import dev.ior.zeekspy.proc.ReadBatch;
import dev.ior.zeekspy.proc.RemoteMemory;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes Funcs, Stmts, Locations and strings by address and caches them. Script objects in Zeek
 * are created by the parser and live as long as the process, so after warm-up a sample needs no
 * reads here at all. Misses are collected and fetched in rounds: each round is one batched read,
 * and a round's results may ask for more (a Stmt names a Location, which names a file name).
 */
final class Resolver {
  private static final int MAX_ROUNDS = 24;

  private final RemoteMemory memory;
  private final Offsets o;
  private final Limits limits;
  private final ReadBatch batch;
  private final LongMap<FuncInfo> funcs = new LongMap<>();
  private final LongMap<LocInfo> locations = new LongMap<>();
  private final LongMap<Long> stmts = new LongMap<>();
  private final LongMap<Long> calls = new LongMap<>();
  private final LongMap<String> strings = new LongMap<>();

  private List<long[]> wantFuncs = new ArrayList<>();
  private List<Long> wantStmts = new ArrayList<>();
  private List<Long> wantLocs = new ArrayList<>();
  private List<long[]> waitingLocs = new ArrayList<>();
  private List<CString> wantStrings = new ArrayList<>();
  private String reason = "";

  Resolver(RemoteMemory memory, Offsets offsets, Limits limits, ReadBatch batch) {
    this.memory = memory;
    this.o = offsets;
    this.limits = limits;
    this.batch = batch;
  }

  /** Drops every cache when it has grown past the limit (addresses get reused over time). */
  void trim() {
    if (funcs.size() + locations.size() + stmts.size() + calls.size() + strings.size()
        > limits.maxCacheEntries()) {
      funcs.clear();
      locations.clear();
      stmts.clear();
      calls.clear();
      strings.clear();
    }
  }

  /** The cached Location* of the call expression at {@code call}, or null. */
  Long callLocation(long call) {
    return calls.get(call);
  }

  /** Records the Location* just read from the call expression at {@code call}. */
  void putCallLocation(long call, long location) {
    calls.put(call, location);
  }

  /** The cached function at {@code addr} if the words just read still describe it, else null. */
  FuncInfo func(long addr, long locPtr, int kind, long nameData, long nameLen) {
    FuncInfo f = funcs.get(addr);
    return f != null && f.sameAs(locPtr, kind, nameData, nameLen) ? f : null;
  }

  FuncInfo func(long addr) {
    return funcs.get(addr);
  }

  LocInfo location(long addr) {
    return addr == 0 ? null : locations.get(addr);
  }

  /** The location of the statement at {@code stmt}, once resolved; null when unknown. */
  LocInfo stmtLocation(long stmt) {
    Long loc = stmt == 0 ? null : stmts.get(stmt);
    return loc == null ? null : location(loc);
  }

  void wantFunc(long addr, long locPtr, int kind, long nameData, long nameLen) {
    wantFuncs.add(new long[] {addr, locPtr, kind, nameData, nameLen});
    wantLocation(locPtr);
  }

  void wantLocation(long loc) {
    if (loc != 0 && locations.get(loc) == null) {
      wantLocs.add(loc);
    }
  }

  void wantStmt(long stmt) {
    if (stmt == 0) {
      return;
    }
    Long loc = stmts.get(stmt);
    if (loc == null) {
      wantStmts.add(stmt);
    } else {
      wantLocation(loc);
    }
  }

  /** Why the last {@link #run()} failed. */
  String reason() {
    return reason;
  }

  /** Fetches everything wanted; false (torn) when something is unreadable or implausible. */
  boolean run() {
    for (int round = 0; round < MAX_ROUNDS; round++) {
      if (wantFuncs.isEmpty() && wantStmts.isEmpty() && wantLocs.isEmpty()
          && wantStrings.isEmpty() && waitingLocs.isEmpty()) {
        return true;
      }
      if (!round()) {
        clearWants();
        return false;
      }
    }
    clearWants();
    return fail("object graph too deep to resolve");
  }

  private boolean round() {
    List<long[]> fs = wantFuncs;
    List<Long> ss = wantStmts;
    List<Long> ls = wantLocs;
    List<CString> cs = wantStrings;
    wantFuncs = new ArrayList<>();
    wantStmts = new ArrayList<>();
    wantLocs = new ArrayList<>();
    wantStrings = new ArrayList<>();
    batch.clear();
    int[] fh = new int[fs.size()];
    for (int i = 0; i < fs.size(); i++) {
      long len = fs.get(i)[4];
      if (len < 0 || len > limits.maxString()) {
        return fail("function name length " + len);
      }
      fh[i] = len == 0 ? -1 : batch.add(fs.get(i)[3], (int) len);
    }
    int[] sh = new int[ss.size()];
    for (int i = 0; i < ss.size(); i++) {
      sh[i] = batch.add(ss.get(i) + o.objLocation(), 8);
    }
    int[] lh = new int[ls.size()];
    for (int i = 0; i < ls.size(); i++) {
      lh[i] = batch.add(ls.get(i), o.locationSpan());
    }
    int[] ch = new int[cs.size()];
    for (int i = 0; i < cs.size(); i++) {
      ch[i] = batch.add(cs.get(i).next, cs.get(i).chunk());
    }
    if (batch.size() > 0) {
      memory.read(batch);
    }
    return funcsDone(fs, fh) && stmtsDone(ss, sh) && locsDone(ls, lh) && stringsDone(cs, ch)
        && finishLocations();
  }

  private boolean funcsDone(List<long[]> fs, int[] fh) {
    for (int i = 0; i < fs.size(); i++) {
      long[] f = fs.get(i);
      String name = "";
      if (fh[i] >= 0) {
        if (!batch.ok(fh[i])) {
          return fail(String.format("unreadable function name at 0x%x", f[3]));
        }
        name = text(fh[i], (int) f[4]);
        if (name == null) {
          return fail(String.format("function name at 0x%x is not text", f[3]));
        }
      }
      int kind = (int) f[2];
      funcs.put(f[0], new FuncInfo(name, kind != o.scriptKind(), f[1], kind, f[3], f[4]));
    }
    return true;
  }

  private boolean stmtsDone(List<Long> ss, int[] sh) {
    for (int i = 0; i < ss.size(); i++) {
      if (!batch.ok(sh[i])) {
        return fail(String.format("unreadable statement at 0x%x", ss.get(i)));
      }
      long loc = batch.getLong(sh[i], 0);
      if (loc != 0 && !Pointers.plausible(loc)) {
        return fail(String.format("statement 0x%x has location pointer 0x%x", ss.get(i), loc));
      }
      stmts.put(ss.get(i), loc);
      wantLocation(loc);
    }
    return true;
  }

  private boolean locsDone(List<Long> ls, int[] lh) {
    for (int i = 0; i < ls.size(); i++) {
      if (!batch.ok(lh[i])) {
        return fail(String.format("unreadable location at 0x%x", ls.get(i)));
      }
      long file = batch.getLong(lh[i], o.locationFilename());
      int line = batch.getInt(lh[i], o.locationFirstLine());
      if (line < 0 || line > limits.maxLine()) {
        return fail(String.format("location 0x%x has line %d", ls.get(i), line));
      }
      if (file != 0 && strings.get(file) == null) {
        wantStrings.add(new CString(file));
      }
      waitingLocs.add(new long[] {ls.get(i), file, line});
    }
    return true;
  }

  private boolean stringsDone(List<CString> cs, int[] ch) {
    for (int i = 0; i < cs.size(); i++) {
      CString s = cs.get(i);
      if (!batch.ok(ch[i])) {
        return fail(String.format("unreadable file name at 0x%x", s.start));
      }
      int n = batch.length(ch[i]);
      int end = 0;
      while (end < n && batch.getByte(ch[i], end) != 0) {
        end++;
      }
      byte[] part = new byte[end];
      batch.getBytes(ch[i], 0, part, end);
      s.append(part);
      if (end < n) {
        String text = s.finish();
        if (text == null) {
          return fail(String.format("file name at 0x%x is not text", s.start));
        }
        strings.put(s.start, text);
      } else if (s.length() >= limits.maxString()) {
        return fail(String.format("file name at 0x%x is not terminated", s.start));
      } else {
        s.next += n;
        wantStrings.add(s);
      }
    }
    return true;
  }

  private boolean finishLocations() {
    List<long[]> still = new ArrayList<>();
    for (long[] w : waitingLocs) {
      String file = w[1] == 0 ? "" : strings.get(w[1]);
      if (file == null) {
        still.add(w);
      } else {
        locations.put(w[0], new LocInfo(file, (int) w[2]));
      }
    }
    waitingLocs = still;
    return true;
  }

  private String text(int handle, int len) {
    byte[] b = new byte[len];
    batch.getBytes(handle, 0, b, len);
    return CString.decode(b);
  }

  private boolean fail(String why) {
    reason = why;
    return false;
  }

  private void clearWants() {
    wantFuncs.clear();
    wantStmts.clear();
    wantLocs.clear();
    wantStrings.clear();
    waitingLocs.clear();
  }
}
