// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.core.synth.SyntheticStream;
import dev.ior.core.syscall.SyscallTable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recordings name their arch and syscall table; a replay refuses what it would misread. */
class RecordingOriginTest {
  private static final SyscallTable T = SyscallTable.standard();

  @TempDir Path dir;

  /** A recording of {@code version} with {@code origin} (null: none) and a few records. */
  private Path recording(String name, int version, RecordingOrigin origin) throws IOException {
    ByteArrayOutputStream records = new ByteArrayOutputStream();
    SyntheticStream.encode(T, 3).forEach((b, o, l) -> {
      records.write(l & 0xff);
      records.write(l >>> 8);
      byte[] r = new byte[l];
      b.get(o, r, 0, l);
      records.write(r, 0, l);
    });
    Path file = dir.resolve(name);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(RecordFileWriter.MAGIC);
      out.write(version);
      out.write(new byte[8]);
      if (origin != null) {
        origin.write(out);
      }
      records.writeTo(out);
    }
    try (OutputStream out = Files.newOutputStream(file, java.nio.file.StandardOpenOption.APPEND)) {
      out.write(RecordFileWriter.END_MEMBER);
    }
    return file;
  }

  private static long replayed(Path file) throws IOException {
    List<Integer> n = new ArrayList<>();
    RecordFileReader.Replay r = RecordFileReader.replay(file, (b, o, l) -> n.add(l));
    assertEquals(n.size(), r.records());
    return r.records();
  }

  @Test
  void aRecordingNamesThisArchAndTable() throws IOException {
    Path file = dir.resolve("t.iorrec");
    try (RecordFileWriter rec = RecordFileWriter.create(file, 7)) {
      SyntheticStream.encode(T, 3).forEach(rec);
    }
    RecordingOrigin o = RecordFileReader.origin(file);
    assertEquals("x86_64", o.arch());
    assertEquals(T.maxId(), o.tableMaxId());
    assertEquals(T.identity(T.maxId()), o.tableIdentity());
    assertEquals(7, RecordFileReader.epochOffsetNs(file));
  }

  @Test
  void aVersion3RecordingWithoutOriginReplaysAsX86() throws IOException {
    Path v3 = recording("v3.iorrec", 3, null);
    Path v4 = recording("v4.iorrec", 4, RecordingOrigin.current());
    assertEquals(RecordingOrigin.LEGACY, RecordFileReader.origin(v3));
    assertTrue(replayed(v3) > 10);
    assertEquals(replayed(v3), replayed(v4));
  }

  @Test
  void anotherArchIsRefusedWithOneLine() throws IOException {
    for (String arch : new String[] {"arm64", "i386", "riscv64"}) {
      Path f = recording(arch + ".iorrec", 4, new RecordingOrigin(arch, T.maxId(),
          T.identity(T.maxId())));
      IOException e = assertThrows(IOException.class, () -> replayed(f));
      assertEquals(f + ": recorded on " + arch + "; this ior replays x86_64 recordings only"
          + " (open flags and compat calls differ between arches)", e.getMessage());
      assertThrows(IOException.class, () -> RecordFileReader.epochOffsetNs(f));
    }
  }

  @Test
  void aTableWhoseIdsMeanOtherSyscallsIsRefusedANewerOneIsRead() throws IOException {
    Path other = recording("other.iorrec", 4, new RecordingOrigin("x86_64", 100,
        T.identity(100) ^ 1));
    IOException e = assertThrows(IOException.class, () -> replayed(other));
    assertTrue(e.getMessage().contains("syscall table whose ids mean other syscalls"),
        e.getMessage());
    Path newer = recording("newer.iorrec", 4, new RecordingOrigin("x86_64", T.maxId() + 20, 42));
    assertTrue(replayed(newer) > 10, "ids are appended: a newer table's records read");
    Path older = recording("older.iorrec", 4, new RecordingOrigin("x86_64", 50,
        T.identity(50)));
    assertTrue(replayed(older) > 10);
  }

  @Test
  void aHeaderWithAGarbledArchIsDamaged() throws IOException {
    Path f = recording("garbled.iorrec", 4, new RecordingOrigin("x8\u001b6", 1, 1));
    IOException e = assertThrows(IOException.class, () -> replayed(f));
    assertEquals(f + ": damaged: its header names no architecture", e.getMessage());
  }
}
