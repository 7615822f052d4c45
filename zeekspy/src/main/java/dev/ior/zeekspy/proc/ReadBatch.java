// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.proc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A reusable list of remote ranges to read in one go, and the native buffer they land in. The
 * buffer and arrays grow when a request does not fit and are kept afterwards, so a sampling loop
 * of stable depth allocates nothing. Not thread-safe: one per sampling thread.
 *
 * <pre>{@code
 * ReadBatch b = new ReadBatch(64, 16 * 1024);
 * b.clear();
 * int h = b.add(address, 24);       // request index
 * memory.read(b);
 * long first = b.ok(h) ? b.getLong(h, 0) : 0;
 * }</pre>
 */
public final class ReadBatch {
  private ByteBuffer data;
  private long[] addresses;
  private int[] lengths;
  private int[] offsets;
  private boolean[] ok;
  private int count;
  private int used;

  /**
   * A batch with room for {@code requests} requests and {@code bytes} bytes before growing.
   *
   * @param requests expected number of requests
   * @param bytes expected total bytes
   */
  public ReadBatch(int requests, int bytes) {
    addresses = new long[Math.max(1, requests)];
    lengths = new int[addresses.length];
    offsets = new int[addresses.length];
    ok = new boolean[addresses.length];
    data = ByteBuffer.allocateDirect(Math.max(64, bytes)).order(ByteOrder.nativeOrder());
  }

  /** Forgets all requests; buffers are kept. */
  public void clear() {
    count = 0;
    used = 0;
  }

  /**
   * Adds a request for {@code length} bytes at remote {@code address} and returns its index.
   * Requests are 8-byte aligned in the buffer so that word reads stay aligned.
   *
   * @param address the remote address to read
   * @param length bytes to read, > 0
   * @return the request's index, from 0 in order of adding
   */
  public int add(long address, int length) {
    if (length <= 0) {
      throw new IllegalArgumentException("length must be > 0: " + length);
    }
    if (count == addresses.length) {
      int n = count * 2;
      addresses = Arrays.copyOf(addresses, n);
      lengths = Arrays.copyOf(lengths, n);
      offsets = Arrays.copyOf(offsets, n);
      ok = Arrays.copyOf(ok, n);
    }
    int at = (used + 7) & ~7;
    if (at + length > data.capacity()) {
      grow(at + length);
    }
    addresses[count] = address;
    lengths[count] = length;
    offsets[count] = at;
    ok[count] = false;
    used = at + length;
    return count++;
  }

  private void grow(int needed) {
    ByteBuffer bigger = ByteBuffer.allocateDirect(Math.max(needed, data.capacity() * 2))
        .order(ByteOrder.nativeOrder());
    bigger.put(data.duplicate().clear().limit(used));
    data = bigger;
  }

  /** {@return number of requests} */
  public int size() {
    return count;
  }

  /**
   * {@return remote address of request {@code i}}
   *
   * @param i a request's index
   */
  public long address(int i) {
    return addresses[i];
  }

  /**
   * {@return length of request {@code i} in bytes}
   *
   * @param i a request's index
   */
  public int length(int i) {
    return lengths[i];
  }

  /**
   * {@return where request {@code i}'s bytes start in {@link #data()}}
   *
   * @param i a request's index
   */
  public int offset(int i) {
    return offsets[i];
  }

  /**
   * {@return true when request {@code i} was read completely}
   *
   * @param i a request's index
   */
  public boolean ok(int i) {
    return ok[i];
  }

  /**
   * Marks request {@code i} as read or failed; for {@link RemoteMemory} implementations.
   *
   * @param i a request's index
   * @param read whether the whole range was read
   */
  public void markRead(int i, boolean read) {
    ok[i] = read;
  }

  /**
   * {@return the direct buffer the requests land in (native byte order)} Implementations write
   * request {@code i} at {@link #offset(int)}. The buffer may be replaced by {@link #add}; do not
   * keep it.
   */
  public ByteBuffer data() {
    return data;
  }

  /**
   * {@return the 64-bit word at byte {@code at} of request {@code i}}
   *
   * @param i a request's index
   * @param at byte offset within the request
   */
  public long getLong(int i, int at) {
    check(i, at, 8);
    return data.getLong(offsets[i] + at);
  }

  /**
   * {@return the 32-bit word at byte {@code at} of request {@code i}}
   *
   * @param i a request's index
   * @param at byte offset within the request
   */
  public int getInt(int i, int at) {
    check(i, at, 4);
    return data.getInt(offsets[i] + at);
  }

  /**
   * {@return the byte at {@code at} of request {@code i}}
   *
   * @param i a request's index
   * @param at byte offset within the request
   */
  public byte getByte(int i, int at) {
    check(i, at, 1);
    return data.get(offsets[i] + at);
  }

  /**
   * Copies {@code length} bytes from {@code at} of request {@code i} into {@code dst}.
   *
   * @param i a request's index
   * @param at byte offset within the request
   * @param dst receives the bytes from index 0
   * @param length bytes to copy
   */
  public void getBytes(int i, int at, byte[] dst, int length) {
    check(i, at, length);
    data.get(offsets[i] + at, dst, 0, length);
  }

  private void check(int i, int at, int size) {
    if (i < 0 || i >= count || at < 0 || at + size > lengths[i]) {
      throw new IndexOutOfBoundsException(
          "request " + i + " bytes " + at + "+" + size + " outside its length");
    }
  }
}
