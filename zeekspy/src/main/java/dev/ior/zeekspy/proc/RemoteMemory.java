// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.proc;

/**
 * Reads another process's memory in batches. The stack walker only sees this interface, so tests
 * can feed it a fake address space.
 *
 * <pre>{@code
 * ReadBatch b = new ReadBatch(16, 4096);
 * int header = b.add(callStackAddress, 24);
 * memory.read(b);
 * if (b.ok(header)) { long start = b.getLong(header, 0); }
 * }</pre>
 */
public interface RemoteMemory extends AutoCloseable {
  /**
   * Fills every request of {@code batch}; a request whose range is (partly) unmapped is marked not
   * {@link ReadBatch#ok ok}, the others are still read.
   *
   * @param batch the requests; their results are written into it
   * @throws dev.ior.zeekspy.ZeekSpyException with reason TARGET_EXITED when the process is gone,
   *     PERMISSION_DENIED when access is refused
   */
  void read(ReadBatch batch);

  /** Releases native resources; the default does nothing. */
  @Override
  default void close() {}
}
