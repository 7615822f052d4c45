// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.iorfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.core.aggregate.AggregateRow;
import dev.ior.core.iorfile.proto.Header;
import dev.ior.core.iorfile.proto.Row;
import dev.ior.core.stats.LossKind;
import dev.ior.core.stats.Losses;
import dev.ior.core.stats.TraceStats;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The .ior data file: round trip, the checked-in version-1 fixture, and every refusal. */
class IorFileTest {
  static final String V1_FIXTURE = "v1-sample.ior";

  @TempDir Path dir;

  /** The data of the version-1 fixture; never change it, add a v2 fixture instead. */
  static IorData sample() {
    TraceStats stats = new TraceStats(2_500_000_000L, new TraceStats.Records(100, 50, 48),
        new TraceStats.Calls(47, 40, 3, 2, 0, 0, 9), new TraceStats.Bytes(4096, 8192, 16),
        new TraceStats.Names(0, 0, 0), new TraceStats.Uring(0, 0),
        Losses.builder().add(LossKind.MALFORMED, 1).add(LossKind.RING_FULL, 4)
            .add(LossKind.UNREAD_AT_STOP, 5).add(LossKind.ENTER_WITHOUT_EXIT, 6)
            .add(LossKind.EXIT_WITHOUT_ENTER, 7).add(LossKind.MISMATCHED, 8).build());
    RunInfo run = new RunInfo("earth", 1_764_140_700_000_000_000L, 2_500_000_000L, "0.1.0",
        new RunFilters(42, 0, "postgres", "/var/lib", List.of("read", "write"), List.of("sync"),
            12),
        stats, List.of("-flamegraph", "-comm", "postgres"));
    return new IorData(run, List.of(
        new AggregateRow("/var/lib/db/t1", "pread64", "postgres", 42, 43, 02, 3, 3000, 300, 24576),
        new AggregateRow("", "sync", "postgres", 42, 44, -1, 1, 900, 50, 0),
        new AggregateRow("/tmp/a\nb;c", "openat", "p\u00e9", 42, 42, 02000000, 1, 5000, 0, 0)));
  }

  @Test
  void roundTripKeepsEveryFieldAndWritesAtomically() throws IOException {
    Path file = dir.resolve("run.ior");
    IorFileWriter.write(file, sample());
    assertEquals(sample(), IorFileReader.read(file));
    assertTrue(IorFileReader.isIorFile(file));
    try (var files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList(), "no temporary file left behind");
    }
  }

  @Test
  void namesAreStoredAsTheirExactBytes() throws IOException {
    String ff = "/tmp/r09/x\udcff";
    String fe = "/tmp/r09/x\udcfe";
    String comm = "odd\udcff\n; 24";
    IorData data = new IorData(sample().run(), List.of(
        new AggregateRow(ff, "write", comm, 1, 1, -1, 1, 10, 0, 11),
        new AggregateRow(fe, "write", comm, 1, 1, -1, 1, 10, 0, 12),
        new AggregateRow("/tmp/r09/report 2024", "write", comm, 1, 1, -1, 1, 10, 0, 300)));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    IorFileWriter.write(out, data);
    byte[] file = out.toByteArray();
    assertEquals(data, IorFileReader.read(new ByteArrayInputStream(file), "x"));

    // On the wire the path is the raw bytes, 0xff and all (protobuf-java would have written a
    // string's lone surrogate as '?', making the two names one).
    try (InputStream gz = new GZIPInputStream(new ByteArrayInputStream(file, 10,
        file.length - 10))) {
      Header.parseDelimitedFrom(gz);
      Row row = Row.parseDelimitedFrom(gz);
      byte[] path = row.getPath().toByteArray();
      assertEquals(0xff, path[path.length - 1] & 0xff);
      assertArrayEquals("odd".getBytes(), Arrays.copyOf(row.getComm().toByteArray(), 3));
      assertEquals(0xff, row.getComm().byteAt(3) & 0xff);
    }
  }

  @Test
  void cgroupPathsRoundTripAndOlderFilesReadWithout() throws IOException {
    Path file = dir.resolve("cg.ior");
    IorData data = new IorData(sample().run(), List.of(
        new AggregateRow("/f", "write", "app", 1, 1, 0, 1, 2, 3, 4, "app",
            "/system.slice/nginx.service"),
        new AggregateRow("/f", "write", "app", 1, 1, 0, 1, 2, 3, 4, "app", "#77")));
    IorFileWriter.write(file, data);
    assertEquals(data, IorFileReader.read(file));
    Path v1 = Path.of("src/test/resources/dev/ior/core/iorfile", V1_FIXTURE);
    assertTrue(IorFileReader.read(v1).rows().stream().allMatch(r -> r.cgroup().isEmpty()));
  }

  @Test
  void anUnknownLossIsAStateInTheFileNotMinusOne() throws IOException {
    RunInfo r = sample().run();
    TraceStats s = r.stats();
    TraceStats unknown = new TraceStats(s.durationNs(), s.records(), s.calls(), s.bytes(),
        s.names(), s.uring(), s.losses().plus(
            Losses.builder().unknown(LossKind.KERNEL_SKIPPED).build()));
    IorData data = new IorData(new RunInfo(r.host(), r.startUnixNanos(), r.durationNanos(),
        r.writerVersion(), r.filters(), unknown, r.commandLine()), sample().rows());
    Path file = dir.resolve("unknown.ior");
    IorFileWriter.write(file, data);
    IorData read = IorFileReader.read(file);
    assertEquals(data, read);
    assertFalse(read.run().stats().losses().known(LossKind.KERNEL_SKIPPED));
    assertEquals(s.lost(), read.run().stats().lost(), "unknown adds nothing");
  }

  @Test
  void stacksRoundTripAndOlderFilesReadWithout() throws IOException {
    Path file = dir.resolve("st.ior");
    IorData data = new IorData(sample().run(), List.of(
        new AggregateRow("/f", "write", "app", 1, 1, 0, 3, 2, 3, 4, "app", "",
            "main;flush_log;write_all;write"),
        new AggregateRow("/f", "write", "app", 1, 1, 0, 1, 2, 3, 4, "app", "", "")));
    IorFileWriter.write(file, data);
    assertEquals(data, IorFileReader.read(file));
    Path v1 = Path.of("src/test/resources/dev/ior/core/iorfile", V1_FIXTURE);
    assertTrue(IorFileReader.read(v1).rows().stream().allMatch(r -> r.stack().isEmpty()));
  }

  @Test
  void startsWithMagicAndVersionThenGzip() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    IorFileWriter.write(out, sample());
    byte[] b = out.toByteArray();
    assertArrayEquals("IORDATA\n".getBytes(), Arrays.copyOf(b, 8));
    assertEquals(0, b[8]);
    assertEquals(1, b[9]);
    assertEquals(0x1f, b[10] & 0xff);
    assertEquals(0x8b, b[11] & 0xff);
  }

  @Test
  void readsTheCheckedInVersion1Fixture() throws IOException {
    Path src = Path.of("src/test/resources/dev/ior/core/iorfile", V1_FIXTURE);
    if ("1".equals(System.getenv("IOR_UPDATE_FIXTURES"))) {
      IorFileWriter.write(src, sample()); // only ever for a new version's first fixture
    }
    try (InputStream in = IorFileTest.class.getResourceAsStream(V1_FIXTURE)) {
      assertEquals(sample(), IorFileReader.read(in, V1_FIXTURE));
    }
  }

  @Test
  void refusesOtherFilesNewerVersionsAndCutFilesWithAReason() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    IorFileWriter.write(out, sample());
    byte[] good = out.toByteArray();

    IOException magic = assertThrows(IOException.class,
        () -> IorFileReader.read(new ByteArrayInputStream("hello world!".getBytes()), "x"));
    assertEquals("x: not an .ior data file (no IORDATA magic)", magic.getMessage());

    byte[] newer = good.clone();
    newer[9] = 2;
    IOException version = assertThrows(IOException.class,
        () -> IorFileReader.read(new ByteArrayInputStream(newer), "x"));
    assertTrue(version.getMessage().contains("version 2 is not supported"), version.getMessage());

    byte[] cut = Arrays.copyOf(good, good.length - 30);
    assertThrows(IOException.class, () -> IorFileReader.read(new ByteArrayInputStream(cut), "x"));

    Path text = dir.resolve("notes.txt");
    Files.writeString(text, "just text");
    assertFalse(IorFileReader.isIorFile(text));
  }
}
