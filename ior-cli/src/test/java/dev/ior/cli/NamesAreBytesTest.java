// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli;

import static dev.ior.cli.testing.OddNameChecks.COMM;
import static dev.ior.cli.testing.OddNameChecks.FILES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.cli.stream.StreamFormat;
import dev.ior.cli.stream.StreamSink;
import dev.ior.cli.stream.TextEscaper;
import dev.ior.cli.stream.WallClock;
import dev.ior.cli.testing.GoPprofTool;
import dev.ior.cli.testing.IorRun;
import dev.ior.cli.testing.OddNameChecks.OddFile;
import dev.ior.cli.testing.OddNameChecks;
import dev.ior.core.TracePipeline;
import dev.ior.core.event.PairRecord;
import dev.ior.core.filter.PairFilter;
import dev.ior.core.internal.decode.RecordWriter;
import dev.ior.core.iorfile.IorFileReader;
import dev.ior.core.record.RecordFileReader;
import dev.ior.core.record.RecordFileWriter;
import dev.ior.core.sink.PairSink;
import dev.ior.core.syscall.SyscallTable;
import dev.ior.core.trace.spi.ProcFs;
import dev.ior.flamegraph.pprof.PprofReader;
import dev.ior.flamegraph.profile.StackProfile;
import dev.ior.flamegraph.text.NameBytes;
import dev.ior.flamegraph.text.NameEscaper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names are bytes, through every output, without a kernel: the records oddnames makes (names
 * holding 0xff/0xfe, a line feed, a {@code ;}, a trailing {@code " 2024"}, a backslash, and such
 * a comm) go into a recording, which is replayed into the stream formats and the flame-graph
 * files; each output is read back by the reader its users have and must give every name exactly
 * and apart. {@code NamesAreBytesIT} does the same with the real program on the real kernel.
 */
class NamesAreBytesTest {
  private static final SyscallTable T = SyscallTable.standard();
  private static final String DIR = "/r09";
  private static final int PID = 4242;

  @TempDir Path tmp;
  private Path recording;

  @BeforeEach
  void record() throws IOException {
    recording = tmp.resolve("odd.iorrec");
    ByteBuffer b = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    List<int[]> records = new ArrayList<>();
    RecordWriter w = new RecordWriter();
    long t = 1_000;
    for (int i = 0; i < FILES.size(); i++) {
      OddFile f = FILES.get(i);
      int fd = 3 + i;
      byte[] path = OddNameChecks.path(DIR, f);
      records.add(put(b, w.enterPath(b, T.byName("openat"), PID, PID, t += 10,
          ascii(COMM), -100, ascii(path), 01 | 0100 | 01000, 0644), COMM, path));
      records.add(put(b, w.exit(b, T.byName("openat"), PID, PID, t += 10, fd)));
      records.add(put(b, w.enterArgs(b, T.byName("write"), PID, PID, t += 10,
          ascii(COMM), fd, 0, f.bytes()), COMM));
      records.add(put(b, w.exit(b, T.byName("write"), PID, PID, t += 10,
          f.bytes())));
      records.add(put(b, w.enterArgs(b, T.byName("close"), PID, PID, t += 10,
          ascii(COMM), fd, 0, 0), COMM));
      records.add(put(b, w.exit(b, T.byName("close"), PID, PID, t += 10, 0)));
    }
    try (RecordFileWriter rec = RecordFileWriter.create(recording, 1_795_675_201_000_000_000L)) {
      for (int[] r : records) {
        rec.accept(b, r[0], r[1]);
      }
    }
  }

  /**
   * The record just written at the buffer's end, with the ASCII stand-ins ({@link #ascii}) of
   * {@code names} put back to their real bytes ({@link RecordWriter} takes Strings).
   */
  private static int[] put(ByteBuffer b, int size, byte[]... names) {
    int at = b.position() - size;
    for (byte[] name : names) {
      restore(b, at, size, name);
    }
    return new int[] {at, size};
  }

  /** {@code name} with every byte that is not ASCII replaced by 0x01: a unique stand-in. */
  private static String ascii(byte[] name) {
    byte[] a = name.clone();
    for (int i = 0; i < a.length; i++) {
      a[i] = a[i] < 0 ? 1 : a[i];
    }
    return new String(a, StandardCharsets.US_ASCII);
  }

  private static void restore(ByteBuffer b, int at, int size, byte[] name) {
    byte[] standIn = ascii(name).getBytes(StandardCharsets.US_ASCII);
    byte[] record = new byte[size];
    b.get(at, record);
    for (int i = 0; i + standIn.length <= size; i++) {
      if (Arrays.equals(record, i, i + standIn.length, standIn, 0, standIn.length)) {
        b.put(at + i, name);
        return;
      }
    }
    throw new AssertionError("stand-in not found in record");
  }

  /** The recording replayed through the pipeline into {@code sink}. */
  private List<PairRecord> replay(PairSink sink) throws IOException {
    List<PairRecord> pairs = new ArrayList<>();
    TracePipeline p = new TracePipeline(T, PairFilter.NONE, ProcFs.EMPTY,
        PairSink.tee(sink, pair -> pairs.add(pair.copy())));
    RecordFileReader.replay(recording, p::accept);
    p.flush();
    sink.finish();
    return pairs;
  }

  private static StreamSink stream(OutputStream out, StreamFormat f) {
    return new StreamSink(out, f, new WallClock(1_795_675_201_000_000_000L),
        new TextEscaper(false));
  }

  @Test
  void theRecordingKeepsTheBytesAndTheDecoderKeepsNamesApart() throws IOException {
    List<PairRecord> pairs = replay(pair -> { });
    List<String> written = pairs.stream().filter(p -> p.syscall().name().equals("write"))
        .map(PairRecord::file).collect(Collectors.toList());
    assertEquals(FILES.size(), written.size());
    for (int i = 0; i < FILES.size(); i++) {
      assertEquals(NameBytes.decode(OddNameChecks.path(DIR, FILES.get(i))), written.get(i));
      assertEquals(NameBytes.decode(COMM), pairs.get(0).comm());
    }
    assertNotEquals(written.get(0), written.get(1)); // 0xff and 0xfe
  }

  @Test
  void csvAndJsonAreReadBackByPythonAndTheIorFormatByOurUnescape() throws IOException {
    Path csv = tmp.resolve("out.csv");
    Path json = tmp.resolve("out.json");
    Path ior = tmp.resolve("out.txt");
    try (OutputStream c = Files.newOutputStream(csv); OutputStream j = Files.newOutputStream(json);
        OutputStream i = Files.newOutputStream(ior)) {
      replay(PairSink.tee(stream(c, StreamFormat.CSV), stream(j, StreamFormat.JSON),
          stream(i, StreamFormat.IOR)));
    }
    OddNameChecks.assertStreamReadByPython("csv", csv, DIR);
    OddNameChecks.assertStreamReadByPython("json", json, DIR);
    List<String> lines = Files.readAllLines(ior);
    assertEquals(1 + 3 * FILES.size(), lines.size(), "one line per pair: " + lines);
    for (OddFile f : FILES) {
      String line = lines.stream().filter(l -> l.contains(",write=>" + f.bytes() + ","))
          .findFirst().orElseThrow();
      String file = line.substring(line.indexOf(",write=>") + 8 + (f.bytes() + ",").length());
      assertEquals(NameBytes.decode(OddNameChecks.path(DIR, f)), NameEscaper.unescape(file));
    }
  }

  @Test
  void flameFilesKeepNamesApartAndTheirReadersGiveThemBack() throws IOException {
    String base = tmp.resolve("fg").toString();
    IorRun.Result r = IorRun.run("-replay", recording.toString(), "-flamegraph", "-pprof",
        "-fields", "comm,path", "-count", "bytes", "-name", base);
    assertEquals(0, r.code(), r.err());

    OddNameChecks.assertRows(IorFileReader.read(Path.of(base + ".ior")).rows(), DIR);
    OddNameChecks.assertFolded(Path.of(base + ".collapsed"));

    // ior collapsed, as r09 pipes it into flamegraph.pl.
    IorRun.Result folded = IorRun.run("collapsed", "-fields", "comm,path", "-count", "bytes",
        base + ".ior");
    assertEquals(0, folded.code(), folded.err());
    Path piped = Files.writeString(tmp.resolve("piped.folded"), folded.out());
    OddNameChecks.assertFolded(piped);

    StackProfile pprof = PprofReader.read(Path.of(base + ".pb.gz"));
    int bytes = pprof.indexOf("bytes");
    for (OddFile f : FILES) {
      assertTrue(pprof.samples().stream().anyMatch(s -> s.stack().get(s.stack().size() - 1)
          .name().equals("/" + f.text()) && s.value(bytes) == f.bytes()),
          () -> "pprof: " + NameEscaper.TEXT.escape(f.text()));
    }
    String top = GoPprofTool.run(Path.of(base + ".pb.gz"), "-top", "-nodecount=100");
    assertTrue(top.contains("/x\\xff") && top.contains("/x\\xfe"), top);
    assertTrue(top.contains("/line\\x0afeed") && top.contains("/back\\\\slash"), top);

    String svg = Files.readString(Path.of(base + ".svg"));
    assertTrue(svg.contains("<title>/x\\xff (11 bytes") && svg.contains("<title>/x\\xfe (12"),
        svg);
    assertTrue(svg.contains("<title>/report 2024 (300 bytes"), svg);
  }
}
