// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.target;

import dev.ior.zeekspy.ZeekSpyException;
import dev.ior.zeekspy.ZeekSpyException.Reason;
import dev.ior.zeekspy.proc.ReadBatch;
import dev.ior.zeekspy.proc.RemoteMemory;
import java.nio.charset.StandardCharsets;

/** Reads Zeek's {@code version} char array (e.g. {@code "3.0.1"}) from the running process. */
final class VersionReader {
  private static final int MAX = 64;

  private VersionReader() {}

  static String read(RemoteMemory memory, long address, long symbolSize, long pid) {
    int len = (int) (symbolSize > 0 ? Math.min(symbolSize, MAX) : MAX);
    // Never read across a page boundary we do not know to be mapped.
    len = (int) Math.min(len, 4096 - (address & 4095));
    ReadBatch b = new ReadBatch(1, len);
    int h = b.add(address, len);
    memory.read(b);
    if (!b.ok(h)) {
      throw new ZeekSpyException(Reason.UNREADABLE, String.format(
          "cannot read the version string of process %d at 0x%x", pid, address));
    }
    byte[] bytes = new byte[len];
    b.getBytes(h, 0, bytes, len);
    int end = 0;
    while (end < len && bytes[end] != 0) {
      end++;
    }
    String v = new String(bytes, 0, end, StandardCharsets.US_ASCII);
    if (end == 0 || end == len || !v.matches("[0-9A-Za-z.+_-]+")) {
      throw new ZeekSpyException(Reason.UNREADABLE, "process " + pid
          + " has no readable Zeek version string (read '" + v.replaceAll("\\P{Print}", "?")
          + "'); is it Zeek?");
    }
    return v;
  }
}
