// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.record;

import dev.ior.core.syscall.Arch;
import dev.ior.core.syscall.SyscallTable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Where a recording's records come from: the arch whose conventions they follow and the syscall
 * table whose ids they carry. Written after a recording's clock offset (version 4: a u8 length
 * and the arch's name in ASCII, a little-endian u16 highest syscall id and u32 {@link
 * SyscallTable#identity}); a version-3 recording has none and is {@link #LEGACY}.
 *
 * <p>Syscall ids are ior's own and the same on every arch, so a recording replays on any
 * machine; what differs between arches is how a record's arguments read (open flags), so a
 * recording of an arch other than {@link Arch#DECODED} is refused rather than misread.
 *
 * @param arch the arch's name as {@code syscall-numbers.tsv} spells it ({@code x86_64})
 * @param tableMaxId the highest syscall id of the writer's table, 0 when unknown
 * @param tableIdentity the writer's table identity up to {@code tableMaxId}
 */
public record RecordingOrigin(String arch, int tableMaxId, int tableIdentity) {
  /**
   * A version-3 recording: only ior on x86_64 could write one (live tracing refuses other
   * arches), and its table is not named: ids are stable, so it is read with this ior's table.
   */
  public static final RecordingOrigin LEGACY = new RecordingOrigin(Arch.X86_64.tsvName(), 0, 0);

  /** This ior's records: the decoded arch and the standard table. */
  static RecordingOrigin current() {
    SyscallTable t = SyscallTable.standard();
    return new RecordingOrigin(Arch.DECODED.tsvName(), t.maxId(), t.identity(t.maxId()));
  }

  void write(OutputStream out) throws IOException {
    byte[] name = arch.getBytes(StandardCharsets.US_ASCII);
    out.write(name.length);
    out.write(name);
    out.write(tableMaxId & 0xff);
    out.write(tableMaxId >>> 8 & 0xff);
    for (int i = 0; i < 4; i++) {
      out.write(tableIdentity >>> (8 * i) & 0xff);
    }
  }

  /** Reads what {@link #write} wrote; the header's size is then {@link #bytes()} more. */
  static RecordingOrigin read(InputStream in) throws IOException {
    int n = in.read();
    byte[] name = in.readNBytes(Math.max(n, 0));
    byte[] rest = in.readNBytes(6);
    if (n < 0 || name.length != n || rest.length != 6) {
      throw new EOFException();
    }
    for (byte b : name) {
      if (b < 0x21 || b > 0x7e) {
        throw new IOException("damaged: its header names no architecture");
      }
    }
    int maxId = rest[0] & 0xff | (rest[1] & 0xff) << 8;
    int identity = rest[2] & 0xff | (rest[3] & 0xff) << 8 | (rest[4] & 0xff) << 16
        | (rest[5] & 0xff) << 24;
    return new RecordingOrigin(new String(name, StandardCharsets.US_ASCII), maxId, identity);
  }

  /** Bytes this takes in a header. */
  int bytes() {
    return this == LEGACY ? 0 : 1 + arch.length() + 6;
  }

  /**
   * Why this ior cannot replay these records with {@code table}, or null when it can: another
   * arch, or a table whose ids mean other syscalls. A writer's table with more ids than ours is
   * fine (ids are appended): records of the ids we lack count as unknown records.
   */
  String refusal(SyscallTable table) {
    if (!arch.equals(Arch.DECODED.tsvName())) {
      return "recorded on " + arch + "; this ior replays " + Arch.DECODED.tsvName()
          + " recordings only (open flags and compat calls differ between arches)";
    }
    if (tableMaxId > 0 && tableMaxId <= table.maxId()
        && table.identity(tableMaxId) != tableIdentity) {
      return "recorded with a syscall table whose ids mean other syscalls than this ior's"
          + " (replay it with the ior that made it)";
    }
    return null;
  }
}
