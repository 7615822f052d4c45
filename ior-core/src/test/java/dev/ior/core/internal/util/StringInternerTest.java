// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.internal.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.flamegraph.text.NameBytes;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Names are bytes: kept exactly, interned by their bytes, and free once interned. */
class StringInternerTest {
  /** {@code text} as a kernel buffer: the bytes, a NUL, then garbage. */
  private static ByteBuffer kernel(byte[] name) {
    ByteBuffer b = ByteBuffer.allocate(name.length + 8);
    b.put(name).put((byte) 0).put("garbage".getBytes(StandardCharsets.US_ASCII));
    return b;
  }

  private static byte[] withLast(String prefix, int last) {
    byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
    byte[] b = Arrays.copyOf(p, p.length + 1);
    b[p.length] = (byte) last;
    return b;
  }

  @Test
  void namesDifferingOnlyInInvalidUtf8AreDifferentStrings() {
    StringInterner names = new StringInterner(64);
    byte[] ff = withLast("/tmp/r09/x", 0xff);
    byte[] fe = withLast("/tmp/r09/x", 0xfe);
    String a = names.intern(kernel(ff), 0, 256);
    String b = names.intern(kernel(fe), 0, 256);
    assertNotEquals(a, b);
    assertEquals("/tmp/r09/x\udcff", a);
    assertArrayEquals(ff, NameBytes.encode(a));
    assertArrayEquals(fe, NameBytes.encode(b));
  }

  @Test
  void validUtf8IsUnchanged() {
    StringInterner names = new StringInterner(64);
    String text = "/home/paul/Grüße €;\n report 2024 \ud83d\ude00";
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    assertEquals(text, names.intern(kernel(utf8), 0, 256));
    assertEquals(text, names.intern(utf8, utf8.length));
  }

  @Test
  void theSameBytesGiveTheSameStringFromEitherSource() {
    StringInterner names = new StringInterner(64);
    byte[] ff = withLast("comm", 0xff);
    String first = names.intern(kernel(ff), 0, 16);
    assertSame(first, names.intern(kernel(ff), 0, 16));
    assertSame(first, names.intern(ff, ff.length));
    assertEquals("comm", names.intern(kernel(ff), 0, 4)); // cut at max
    assertEquals(2, names.size());
  }

  @Test
  void internedNamesCostNoAllocation() {
    java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Assumptions.assumeTrue(mx instanceof com.sun.management.ThreadMXBean,
        "needs HotSpot's per-thread allocation counter");
    com.sun.management.ThreadMXBean hs = (com.sun.management.ThreadMXBean) mx;
    StringInterner names = new StringInterner(1 << 10);
    ByteBuffer[] bufs = new ByteBuffer[16];
    for (int i = 0; i < bufs.length; i++) {
      bufs[i] = kernel(withLast("/data/file" + i, i % 2 == 0 ? 0xff : 'a'));
      names.intern(bufs[i], 0, 256);
    }
    for (int i = 0; i < 50_000; i++) { // warm up, so the loop below runs compiled
      names.intern(bufs[i % bufs.length], 0, 256);
    }
    long tid = Thread.currentThread().getId();
    long before = hs.getThreadAllocatedBytes(tid);
    int n = 200_000;
    for (int i = 0; i < n; i++) {
      names.intern(bufs[i % bufs.length], 0, 256);
    }
    long allocated = hs.getThreadAllocatedBytes(tid) - before;
    assertTrue(allocated < 4_096, allocated + " bytes allocated for " + n + " lookups");
    assertEquals(bufs.length, names.size());
  }
}
