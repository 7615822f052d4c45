// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.testing;

import dev.ior.zeekspy.layout.Offsets;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Builds Zeek objects (Location, Func, Stmt, CallExpr, Frame, the two stack vectors) in a {@link
 * FakeMemory}, placing fields where a layout's {@link Offsets} say.
 *
 * <pre>{@code
 * FakeZeek z = new FakeZeek(layout.offsets());
 * long f = z.func("zeek_init", 0, z.location("base/init.zeek", 3));
 * z.stacks(List.of(new long[] {0, f}), List.of(z.frame(z.stmt(z.location("base/init.zeek", 5)))));
 * }</pre>
 */
public final class FakeZeek {
  /** Address of the call_stack vector. */
  public static final long CALL_STACK = 0x1000;
  /** Address of the g_frame_stack vector. */
  public static final long FRAME_STACK = 0x1100;
  private static final long HEAP = 0x100000;

  private final FakeMemory memory = new FakeMemory();
  private final Offsets o;
  private final byte[] heap = new byte[1 << 20];
  private long next = HEAP;

  /** An empty address space with zeroed vectors. */
  public FakeZeek(Offsets offsets) {
    this.o = offsets;
    memory.map(0x1000, new byte[0x1000]);
    memory.map(HEAP, heap);
  }

  /** The memory to hand to the walker. */
  public FakeMemory memory() {
    return memory;
  }

  /** Allocates {@code size} zeroed bytes, 16-byte aligned. */
  public long alloc(int size) {
    long a = next;
    next += (size + 15) & ~15;
    return a;
  }

  /** A NUL-terminated string. */
  public long cstring(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    long a = alloc(b.length + 1);
    for (int i = 0; i < b.length; i++) {
      memory.putByte(a + i, b[i]);
    }
    return a;
  }

  /** A Location of {@code file} (null for no file name) starting at {@code line}. */
  public long location(String file, int line) {
    long a = alloc(32);
    memory.putLong(a + o.locationFilename(), file == null ? 0 : cstring(file));
    memory.putInt(a + o.locationFirstLine(), line);
    return a;
  }

  /** A Func named {@code name} of {@code kind} declared at {@code location} (0 for none). */
  public long func(String name, int kind, long location) {
    long a = alloc(o.funcName() + 32);
    memory.putLong(a + o.objLocation(), location);
    memory.putInt(a + o.funcKind(), kind);
    setName(a, name);
    return a;
  }

  /** Replaces the name of the Func at {@code func} (new character storage). */
  public void setName(long func, String name) {
    byte[] b = name.getBytes(StandardCharsets.UTF_8);
    long data = cstring(name);
    memory.putLong(func + o.funcName() + o.stringData(), data);
    memory.putLong(func + o.funcName() + o.stringSize(), b.length);
  }

  /** A Stmt at {@code location}. */
  public long stmt(long location) {
    return object(location, 64);
  }

  /** A CallExpr at {@code location}. */
  public long callExpr(long location) {
    return object(location, 64);
  }

  /** A Frame executing {@code nextStmt}. */
  public long frame(long nextStmt) {
    long a = alloc(o.frameNextStmt() + 16);
    memory.putLong(a + o.frameNextStmt(), nextStmt);
    return a;
  }

  private long object(long location, int size) {
    long a = alloc(size);
    memory.putLong(a + o.objLocation(), location);
    return a;
  }

  /**
   * Makes the stacks current: {@code calls} holds {call, func} pairs outermost first,
   * {@code frames} the Frame pointers.
   */
  public void stacks(List<long[]> calls, List<Long> frames) {
    long ci = alloc(Math.max(1, calls.size()) * o.callInfoSize());
    for (int i = 0; i < calls.size(); i++) {
      memory.putLong(ci + (long) i * o.callInfoSize() + o.callInfoCall(), calls.get(i)[0]);
      memory.putLong(ci + (long) i * o.callInfoSize() + o.callInfoFunc(), calls.get(i)[1]);
    }
    vector(CALL_STACK, ci, calls.size() * (long) o.callInfoSize());
    long fs = alloc(Math.max(1, frames.size()) * 8);
    for (int i = 0; i < frames.size(); i++) {
      memory.putLong(fs + 8L * i, frames.get(i));
    }
    vector(FRAME_STACK, fs, frames.size() * 8L);
  }

  /** Writes a vector header at {@code at}. */
  public void vector(long at, long start, long bytes) {
    memory.putLong(at + o.vectorStart(), start);
    memory.putLong(at + o.vectorFinish(), start + bytes);
    memory.putLong(at + o.vectorEndOfStorage(), start + bytes + 64);
  }
}
