// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.sample;

import dev.ior.flamegraph.profile.Frame;
import dev.ior.zeekspy.layout.Offsets;
import dev.ior.zeekspy.layout.StringAbi;
import dev.ior.zeekspy.proc.ReadBatch;
import dev.ior.zeekspy.proc.RemoteMemory;
import java.util.Arrays;
import java.util.List;

/**
 * Reads Zeek's script call stack from another process and turns it into frames, validating what it
 * reads. One batched read per sample in the steady state, whatever the depth: both vector headers,
 * the element arrays where the previous sample found them (vectors rarely move), the {@code
 * next_stmt} of the previous sample's top frame, then both headers again. {@code
 * process_vm_readv} copies its ranges in order, so headers that did not change between the first
 * and the last range mean the stack did not move while it was read. When a guess was wrong (the
 * arrays moved, another top frame) or an object is not cached, a second read fetches what is
 * missing, with both headers again at its end. A header that changed means the stack moved under
 * us: the sample is retried, then counted as torn. Funcs and call sites come from caches; every
 * {@link Limits#revalidateEvery()}-th sample, and for any address not cached yet, they are read
 * again and checked in the second read.
 *
 * <p>Why one read matters: on a VM a system call made after the thread slept costs 10-25 µs
 * (cold caches), several times the rest of the sample (docs/benchmarks.md).
 *
 * <p>Frames, outermost first: one per call, with the current line of a caller taken from the call
 * expression of its callee and the innermost script line from the top frame's {@code next_stmt}.
 * When that line is in another file than the function's declaration (event handlers and hooks are
 * declared in one script and have bodies in others) the declaration and the body are two frames.
 *
 * <pre>{@code
 * StackWalker w = new StackWalker(memory, layout.offsets(), target.callStackAddress(),
 *     target.frameStackAddress(), Limits.DEFAULT);
 * List<Frame> frames = new ArrayList<>();
 * if (w.walk(frames) == WalkOutcome.STACK) { ... frames.get(0) is the outermost ... }
 * }</pre>
 */
public final class StackWalker {
  /** Frame kind of script functions, events and hooks. */
  public static final String KIND_SCRIPT = "zeek";
  /** Frame kind of built-in functions. */
  public static final String KIND_BUILTIN = "bif";

  private final RemoteMemory memory;
  private final Offsets o;
  private final long callStackAddr;
  private final long frameStackAddr;
  private final Limits limits;
  private final ReadBatch batch = new ReadBatch(256, 16 * 1024);
  private final Resolver resolver;
  private final FrameTable frameTable = new FrameTable();
  private final VectorGuess csGuess;
  private final VectorGuess fsGuess;
  private final long[] header = new long[6];
  private long[] funcs = new long[64];
  private long[] calls = new long[64];
  private long[] callLocs = new long[64];
  private int[] funcReads = new int[64];
  private int[] callReads = new int[64];
  private FuncInfo[] infos = new FuncInfo[64];
  private long sampleNumber;
  private long lastTop;
  private long nameLength;
  private String reason = "";

  /**
   * A walker reading {@code memory} with layout {@code offsets} at the given vector addresses.
   *
   * @param memory reads the target's memory
   * @param offsets the layout's field offsets
   * @param callStackAddr run-time address of the {@code call_stack} vector
   * @param frameStackAddr run-time address of the {@code g_frame_stack} vector
   * @param limits bounds on depth, string lengths and retries
   */
  public StackWalker(RemoteMemory memory, Offsets offsets, long callStackAddr,
      long frameStackAddr, Limits limits) {
    this.memory = memory;
    this.o = offsets;
    this.callStackAddr = callStackAddr;
    this.frameStackAddr = frameStackAddr;
    this.limits = limits;
    this.resolver = new Resolver(memory, offsets, limits, new ReadBatch(64, 4096));
    this.csGuess = new VectorGuess(offsets.callInfoSize(), limits.maxDepth());
    this.fsGuess = new VectorGuess(8, limits.maxDepth());
  }

  /**
   * Reads one sample into {@code out} (cleared first; outermost frame first), retrying a torn read
   * up to {@link Limits#retries()} times.
   *
   * @param out receives the frames
   * @return whether a stack, an empty stack or a torn read came out
   */
  public WalkOutcome walk(List<Frame> out) {
    WalkOutcome r = WalkOutcome.TORN;
    boolean check = ++sampleNumber % limits.revalidateEvery() == 0;
    for (int attempt = 0; attempt <= limits.retries() && r == WalkOutcome.TORN; attempt++) {
      out.clear();
      r = walkOnce(out, check || attempt > 0);
    }
    return r;
  }

  /** {@return why the last torn attempt was torn, for debugging} */
  public String lastTornReason() {
    return reason;
  }

  private WalkOutcome walkOnce(List<Frame> out, boolean check) {
    resolver.trim();
    batch.clear();
    int cs = batch.add(callStackAddr, o.vectorSize());
    int fs = batch.add(frameStackAddr, o.vectorSize());
    int csArray = csGuess.add(batch);
    int fsArray = fsGuess.add(batch);
    int ns = lastTop != 0 ? batch.add(lastTop + o.frameNextStmt(), 8) : -1;
    int cs2 = batch.add(callStackAddr, o.vectorSize());
    int fs2 = batch.add(frameStackAddr, o.vectorSize());
    memory.read(batch);
    if (!batch.ok(cs) || !batch.ok(fs)) {
      return torn("cannot read the call_stack and g_frame_stack vectors");
    }
    readHeader(cs, fs, header);
    long depth = Pointers.elements(header[0], header[1], header[2], o.callInfoSize());
    long frames = Pointers.elements(header[3], header[4], header[5], 8);
    csGuess.remember(header[0], header[2], depth);
    fsGuess.remember(header[3], header[5], frames);
    if (depth < 0 || frames < 0) {
      return torn(String.format("call_stack {0x%x, 0x%x, 0x%x} or g_frame_stack {0x%x, 0x%x,"
          + " 0x%x} is not a vector", header[0], header[1], header[2], header[3], header[4],
          header[5]));
    }
    if (depth == 0) {
      return WalkOutcome.EMPTY;
    }
    if (depth > limits.maxDepth()) {
      return torn("call_stack depth " + depth + " exceeds " + limits.maxDepth());
    }
    int n = (int) depth;
    ensure(n);
    boolean guessed = VectorGuess.covers(batch, csArray, header[0], depth * o.callInfoSize())
        && (frames == 0 || VectorGuess.covers(batch, fsArray, header[3], frames * 8));
    long top = guessed ? decodeCalls(n, csArray, 0, frames > 0 ? fsArray : -1, (frames - 1) * 8)
        : readCalls(n, frames);
    if (top == -1) {
      return WalkOutcome.TORN;
    }
    boolean sameTop = top == lastTop;
    lastTop = top;
    long stmt = guessed && sameTop && !check && fromCaches(n)
        ? stmtOfOneRead(top, ns, cs2, fs2) : readFuncs(n, top, check);
    if (stmt == -1) {
      return WalkOutcome.TORN;
    }
    return resolve(n, stmt) ? assemble(n, stmt, out) : torn(resolver.reason());
  }

  /**
   * The steady state: everything came with the first read. Returns the top frame's next_stmt (0
   * if none), or -1 when the headers read last differ from the first (torn).
   */
  private long stmtOfOneRead(long top, int ns, int cs2, int fs2) {
    if (!batch.ok(cs2) || !batch.ok(fs2) || !sameHeader(cs2, fs2)) {
      torn("the stack changed while it was read");
      return -1;
    }
    if (top == 0) {
      return 0;
    }
    if (!batch.ok(ns)) {
      torn(String.format("unreadable frame at 0x%x", top));
      return -1;
    }
    return plausibleStmt(batch.getLong(ns, 0));
  }

  /** True when every Func and call site of the stack is cached; fills infos and callLocs. */
  private boolean fromCaches(int n) {
    for (int i = 0; i < n; i++) {
      infos[i] = resolver.func(funcs[i]);
      Long cached = calls[i] == 0 ? null : resolver.callLocation(calls[i]);
      if (infos[i] == null || calls[i] != 0 && cached == null) {
        return false;
      }
      callLocs[i] = cached == null ? 0 : cached;
    }
    for (int i = 0; i < n; i++) {
      resolver.wantLocation(infos[i].locationPtr());
    }
    return true;
  }

  /** The arrays were not where the guess put them: read them exactly (one more read). */
  private long readCalls(int n, long frames) {
    batch.clear();
    int ci = batch.add(header[0], n * o.callInfoSize());
    int tf = frames > 0 ? batch.add(header[4] - 8, 8) : -1;
    memory.read(batch);
    return decodeCalls(n, ci, 0, tf, 0);
  }

  /** Decodes the CallInfo array and the top Frame*: top frame, 0 if none, -1 when torn. */
  private long decodeCalls(int n, int ci, int ciAt, int tf, long tfAt) {
    if (!batch.ok(ci) || tf >= 0 && !batch.ok(tf)) {
      torn("cannot read the call_stack elements");
      return -1;
    }
    for (int i = 0; i < n; i++) {
      int at = ciAt + i * o.callInfoSize();
      calls[i] = batch.getLong(ci, at + o.callInfoCall());
      funcs[i] = batch.getLong(ci, at + o.callInfoFunc());
      if (!Pointers.plausible(funcs[i]) || calls[i] != 0 && !Pointers.plausible(calls[i])) {
        torn(String.format("call_stack[%d] = {call 0x%x, func 0x%x}", i, calls[i], funcs[i]));
        return -1;
      }
    }
    long top = tf >= 0 ? batch.getLong(tf, (int) tfAt) : 0;
    if (top != 0 && !Pointers.plausible(top)) {
      torn(String.format("top frame pointer 0x%x", top));
      return -1;
    }
    return top;
  }

  /**
   * The second read: the top frame's next_stmt, both headers again, and the words of each Func
   * and call site that is not cached or is due for a check. Returns next_stmt, 0 if none, -1 torn.
   */
  private long readFuncs(int n, long top, boolean check) {
    batch.clear();
    int start = o.funcSpanStart();
    for (int i = 0; i < n; i++) {
      infos[i] = check ? null : resolver.func(funcs[i]);
      funcReads[i] = infos[i] == null ? batch.add(funcs[i] + start, o.funcSpanLength()) : -1;
      Long cached = calls[i] == 0 || check ? null : resolver.callLocation(calls[i]);
      callLocs[i] = cached == null ? 0 : cached;
      callReads[i] = calls[i] != 0 && cached == null
          ? batch.add(calls[i] + o.objLocation(), 8) : -1;
    }
    int ns = top != 0 ? batch.add(top + o.frameNextStmt(), 8) : -1;
    int cs = batch.add(callStackAddr, o.vectorSize());
    int fs = batch.add(frameStackAddr, o.vectorSize());
    memory.read(batch);
    if (!batch.ok(cs) || !batch.ok(fs) || !sameHeader(cs, fs)) {
      torn("the stack changed while it was read");
      return -1;
    }
    for (int i = 0; i < n; i++) {
      if (!decodeFunc(i, start) || !decodeCall(i)) {
        return -1;
      }
    }
    return ns >= 0 && batch.ok(ns) ? plausibleStmt(batch.getLong(ns, 0)) : 0;
  }

  private long plausibleStmt(long stmt) {
    if (stmt != 0 && !Pointers.plausible(stmt)) {
      torn(String.format("next_stmt 0x%x", stmt));
      return -1;
    }
    return stmt;
  }

  private boolean decodeFunc(int i, int start) {
    int h = funcReads[i];
    if (h < 0) {
      resolver.wantLocation(infos[i].locationPtr());
      return true;
    }
    if (!batch.ok(h)) {
      torn(String.format("unreadable function at 0x%x", funcs[i]));
      return false;
    }
    long loc = batch.getLong(h, o.objLocation() - start);
    int kind = batch.getInt(h, o.funcKind() - start);
    long data = nameData(h, o.funcName() - start, funcs[i] + o.funcName());
    long len = nameLength;
    boolean badLoc = loc != 0 && !Pointers.plausible(loc);
    if (badLoc || data == 0 || len < 0 || len > limits.maxString()) {
      torn(String.format("function 0x%x: location 0x%x, name 0x%x length %d",
          funcs[i], loc, data, len));
      return false;
    }
    infos[i] = resolver.func(funcs[i], loc, kind, data, len);
    if (infos[i] == null) {
      resolver.wantFunc(funcs[i], loc, kind, data, len);
    } else {
      resolver.wantLocation(loc);
    }
    return true;
  }

  /**
   * Decodes the std::string at byte {@code at} of request {@code h} (remote address {@code
   * remote}): returns where its characters are and leaves their count in {@link #nameLength}. A
   * short libc++ string keeps its characters inside the object: their remote address is returned.
   */
  private long nameData(int h, int at, long remote) {
    switch (o.stringAbi()) {
      case LIBCXX: {
        int b0 = Byte.toUnsignedInt(batch.getByte(h, at));
        if ((b0 & 1) == 0) {
          nameLength = b0 >>> 1;
          return remote + 1;
        }
        break;
      }
      case LIBCXX_ALTERNATE: {
        int b23 = Byte.toUnsignedInt(batch.getByte(h, at + StringAbi.LIBCXX_SIZE - 1));
        if ((b23 & 0x80) == 0) {
          nameLength = b23 & 0x7f;
          return remote;
        }
        break;
      }
      default:
    }
    nameLength = batch.getLong(h, at + o.stringSize());
    return batch.getLong(h, at + o.stringData());
  }

  private boolean decodeCall(int i) {
    int h = callReads[i];
    if (h < 0) {
      return true;
    }
    if (!batch.ok(h)) {
      torn(String.format("unreadable call expression at 0x%x", calls[i]));
      return false;
    }
    callLocs[i] = batch.getLong(h, 0);
    if (callLocs[i] != 0 && !Pointers.plausible(callLocs[i])) {
      torn(String.format("call 0x%x has location pointer 0x%x", calls[i], callLocs[i]));
      return false;
    }
    resolver.putCallLocation(calls[i], callLocs[i]);
    return true;
  }

  private boolean resolve(int n, long stmt) {
    for (int i = 1; i < n; i++) {
      resolver.wantLocation(callLocs[i]);
    }
    resolver.wantStmt(stmt);
    if (!resolver.run()) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (infos[i] == null) {
        infos[i] = resolver.func(funcs[i]);
      }
    }
    return true;
  }

  private WalkOutcome assemble(int n, long stmt, List<Frame> out) {
    for (int i = 0; i < n; i++) {
      FuncInfo f = infos[i];
      LocInfo decl = resolver.location(f.locationPtr());
      LocInfo at;
      if (i < n - 1) {
        at = resolver.location(callLocs[i + 1]);
      } else {
        // Built-ins push no Frame: the top frame then belongs to the caller.
        at = f.builtin() ? null : resolver.stmtLocation(stmt);
      }
      out.addAll(frameTable.frames(f, decl, at));
    }
    return WalkOutcome.STACK;
  }

  private void readHeader(int cs, int fs, long[] h) {
    h[0] = batch.getLong(cs, o.vectorStart());
    h[1] = batch.getLong(cs, o.vectorFinish());
    h[2] = batch.getLong(cs, o.vectorEndOfStorage());
    h[3] = batch.getLong(fs, o.vectorStart());
    h[4] = batch.getLong(fs, o.vectorFinish());
    h[5] = batch.getLong(fs, o.vectorEndOfStorage());
  }

  private boolean sameHeader(int cs, int fs) {
    return batch.getLong(cs, o.vectorStart()) == header[0]
        && batch.getLong(cs, o.vectorFinish()) == header[1]
        && batch.getLong(fs, o.vectorStart()) == header[3]
        && batch.getLong(fs, o.vectorFinish()) == header[4];
  }

  private void ensure(int n) {
    if (funcs.length < n) {
      int m = Math.max(n, funcs.length * 2);
      funcs = Arrays.copyOf(funcs, m);
      calls = Arrays.copyOf(calls, m);
      callLocs = Arrays.copyOf(callLocs, m);
      funcReads = Arrays.copyOf(funcReads, m);
      callReads = Arrays.copyOf(callReads, m);
      infos = Arrays.copyOf(infos, m);
    }
  }

  private WalkOutcome torn(String why) {
    reason = why;
    return WalkOutcome.TORN;
  }
}
