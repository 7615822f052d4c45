// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.testing;

import dev.ior.zeekspy.proc.ReadBatch;
import dev.ior.zeekspy.proc.RemoteMemory;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.TreeMap;

/**
 * An address space in a map of byte arrays, for testing the stack walker without a process. A
 * hook runs before every batch read, so a test can change memory between the walker's rounds, and
 * another before every range of a read, as ranges are copied in order like {@code
 * process_vm_readv} copies them.
 *
 * <pre>{@code
 * FakeMemory m = new FakeMemory();
 * m.map(0x10000, new byte[4096]);
 * m.onRead(n -> { if (n == 2) m.putLong(0x10000, 0); });
 * }</pre>
 */
public final class FakeMemory implements RemoteMemory {
  /** Called with the 1-based number of the batch read about to happen. */
  public interface Hook {
    void beforeRead(int readNumber);
  }

  /** Called with the batch read's number and the 0-based index of the range about to be copied. */
  public interface RangeHook {
    void beforeRange(int readNumber, int range);
  }

  private final TreeMap<Long, byte[]> regions = new TreeMap<>();
  private Hook hook = n -> {};
  private RangeHook rangeHook = (n, i) -> {};
  private int reads;

  /** Maps {@code bytes} (kept, not copied) at {@code address}. */
  public void map(long address, byte[] bytes) {
    regions.put(address, bytes);
  }

  /** Installs the read hook. */
  public void onRead(Hook h) {
    hook = h;
  }

  /** Installs the per-range hook. */
  public void onRange(RangeHook h) {
    rangeHook = h;
  }

  /** Batch reads so far. */
  public int reads() {
    return reads;
  }

  /** Writes a little-endian 64-bit word. */
  public void putLong(long address, long value) {
    for (int i = 0; i < 8; i++) {
      putByte(address + i, (byte) (value >>> (8 * i)));
    }
  }

  /** Writes a little-endian 32-bit word. */
  public void putInt(long address, int value) {
    for (int i = 0; i < 4; i++) {
      putByte(address + i, (byte) (value >>> (8 * i)));
    }
  }

  /** Writes one byte; the address must be mapped. */
  public void putByte(long address, byte value) {
    Map.Entry<Long, byte[]> r = regions.floorEntry(address);
    if (r == null || address - r.getKey() >= r.getValue().length) {
      throw new IllegalArgumentException(String.format("0x%x is not mapped", address));
    }
    r.getValue()[(int) (address - r.getKey())] = value;
  }

  @Override
  public void read(ReadBatch batch) {
    hook.beforeRead(++reads);
    ByteBuffer data = batch.data();
    for (int i = 0; i < batch.size(); i++) {
      rangeHook.beforeRange(reads, i);
      long a = batch.address(i);
      int len = batch.length(i);
      Map.Entry<Long, byte[]> r = regions.floorEntry(a);
      boolean ok = r != null && a - r.getKey() + len <= r.getValue().length;
      if (ok) {
        data.put(batch.offset(i), r.getValue(), (int) (a - r.getKey()), len);
      }
      batch.markRead(i, ok);
    }
  }
}
