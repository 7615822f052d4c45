// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.core.aggregate.AggregateRow;
import dev.ior.flamegraph.collapsed.CollapsedReader;
import dev.ior.flamegraph.collapsed.FrameEscaper;
import dev.ior.flamegraph.profile.Frame;
import dev.ior.flamegraph.profile.Sample;
import dev.ior.flamegraph.profile.StackProfile;
import dev.ior.flamegraph.text.NameBytes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What testdata's {@code oddnames} program does (names holding bytes 0xff/0xfe, a line feed, a
 * {@code ;}, a trailing {@code " 2024"} and a backslash, and such a comm), and the checks that an
 * output kept every name exact and apart, read back by the readers users have.
 */
public final class OddNameChecks {
  /** One file the program writes: its name (bytes) and how many bytes it writes to it. */
  public record OddFile(byte[] name, int bytes) {
    /** The name as a String, as the tracer holds it. */
    public String text() {
      return NameBytes.decode(name);
    }
  }

  /** The files, as in oddnames.c. */
  public static final List<OddFile> FILES = List.of(
      new OddFile(bytes("x", 0xff), 11), new OddFile(bytes("x", 0xfe), 12),
      new OddFile(bytes("line\nfeed"), 20), new OddFile(bytes("semi;colon"), 1),
      new OddFile(bytes("report 2024"), 300), new OddFile(bytes("back\\slash"), 5));
  /** The program's comm after it renamed itself. */
  public static final byte[] COMM = concat(bytes("iorodd", 0xff, 0xfe), bytes(";\n 24"));

  private OddNameChecks() {}

  /** {@code text} as UTF-8, then {@code more} raw bytes. */
  public static byte[] bytes(String text, int... more) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    for (int m : more) {
      b.write(m);
    }
    return b.toByteArray();
  }

  /** {@code a} then {@code b}. */
  public static byte[] concat(byte[] a, byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(a);
    out.writeBytes(b);
    return out.toByteArray();
  }

  /** The full path of {@code f} in {@code dir} (a path of only ASCII/UTF-8), as bytes. */
  public static byte[] path(String dir, OddFile f) {
    return concat(bytes(dir + "/"), f.name());
  }

  /**
   * Reads a stream output ({@code csv} or {@code json}) with Python's csv or json module,
   * reverses the escape there, and asserts that each file got one write of its size under its
   * exact name, by the exact comm, and that no two files share a name.
   */
  public static void assertStreamReadByPython(String kind, Path stream, String dir)
      throws IOException {
    Path script;
    try {
      script = Path.of(OddNameChecks.class.getResource("read_names.py").toURI());
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
    ExternalReaders.Result r = ExternalReaders.run(List.of(ExternalReaders.python3().toString(),
        script.toString(), kind, stream.toString()));
    assertEquals(0, r.code(), r.err());
    HexFormat hex = HexFormat.of();
    Set<String> writes = r.out().lines().filter(l -> l.startsWith("write ")).collect(
        Collectors.toSet());
    for (OddFile f : FILES) {
      String want = "write " + f.bytes() + " " + hex.formatHex(path(dir, f)) + " "
          + hex.formatHex(COMM);
      assertTrue(writes.contains(want), kind + ": no " + want + " in\n" + r.out());
    }
  }

  /** Asserts that {@code rows} (of a .ior file) hold every file's write under its exact name. */
  public static void assertRows(List<AggregateRow> rows, String dir) {
    for (OddFile f : FILES) {
      AggregateRow w = rows.stream().filter(r -> r.syscall().equals("write")
          && r.path().equals(NameBytes.decode(path(dir, f)))).findFirst().orElseThrow(
              () -> new AssertionError("no write row for " + f.text() + " in " + rows));
      assertEquals(f.bytes(), w.bytes());
      assertArrayEquals(COMM, NameBytes.encode(w.comm()));
    }
  }

  /**
   * Asserts that our reader gives back every file's exact name (as the leaf frame, path
   * components being frames) with its bytes, and that flamegraph.pl draws each as one frame with
   * its escaped name and its bytes: {@code /report 2024} is not taken for a differential count.
   */
  public static void assertFolded(Path folded) throws IOException {
    StackProfile ours = CollapsedReader.read(folded).profile();
    for (OddFile f : FILES) {
      String leaf = "/" + f.text();
      long bytes = 0;
      for (Sample s : ours.samples()) {
        List<Frame> st = s.stack();
        if (st.get(st.size() - 1).name().equals(leaf)) {
          bytes += s.value(0);
        }
      }
      assertEquals(f.bytes(), bytes, "our reader, frame " + leaf);
    }
    ExternalReaders.Result r = ExternalReaders.run(List.of("perl",
        ExternalReaders.flamegraphPl().toString(), "--countname", "bytes", folded.toString()));
    assertEquals(0, r.code(), r.err());
    assertFalse(r.err().contains("Ignored"), r.err());
    assertFalse(r.out().contains("%; "), "no differential frame: " + r.out());
    for (OddFile f : FILES) {
      String title = "<title>" + shown("/" + f.text()) + " (" + f.bytes() + " bytes,";
      assertTrue(r.out().contains(title), "flamegraph.pl drew no " + title);
    }
    assertTrue(r.out().contains("<title>" + shown(NameBytes.decode(COMM)) + " ("), r.out());
  }

  /** A frame as flamegraph.pl shows it: our escape, without the one annotation it drops. */
  private static String shown(String name) {
    String e = FrameEscaper.escape(name);
    return e.endsWith(FrameEscaper.GUARD) ? e.substring(0, e.length() - 4) : e;
  }
}
