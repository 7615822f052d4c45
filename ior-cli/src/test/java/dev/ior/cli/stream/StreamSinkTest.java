// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.core.cgroup.CgroupInfo;
import dev.ior.core.cgroup.CgroupLookup;
import dev.ior.core.event.PairRecord;
import dev.ior.core.syscall.SyscallTable;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The three stream formats, their headers and escaping. */
class StreamSinkTest {
  private static final SyscallTable T = SyscallTable.standard();
  // Wall clock fixed so that monotonic 0 is 2026-11-26T06:40:01Z.
  private static final long EPOCH = 1_795_675_201_000_000_000L;

  private static PairRecord pair(String name, String comm, long ret, String file, String file2) {
    return new PairRecord(T.byName(name), 10, 11, comm, 5_000, 7_500, 300, ret, 3, file, file2,
        0, ret > 0 && name.equals("read") ? ret : 0);
  }

  private static PairRecord inCgroup(long cgroupId) {
    return new PairRecord(T.byName("write"), 10, 11, "app", 5_000, 7_500, 300, 1, 3, "/f", null,
        0, 1, "app", cgroupId, 0);
  }

  private static String render(StreamFormat f, boolean terminal, PairRecord... pairs) {
    return render(f, terminal, CgroupLookup.NONE, pairs);
  }

  private static String render(StreamFormat f, boolean terminal, CgroupLookup cgroups,
      PairRecord... pairs) {
    ByteArrayOutputStream w = new ByteArrayOutputStream();
    StreamSink s = new StreamSink(w, f, new WallClock(EPOCH), new TextEscaper(terminal), cgroups);
    for (PairRecord p : pairs) {
      s.accept(p);
    }
    s.finish();
    return w.toString(StandardCharsets.UTF_8);
  }

  @Test
  void iorFormatAsTheOriginal() {
    assertEquals(StreamSink.IOR_HEADER + "\n"
            + "300,2500,cat@10.11,read=>42,/etc/hosts\n"
            + "300,2500,mv@10.11,rename=>0,/a -> /b\n",
        render(StreamFormat.IOR, false, pair("read", "cat", 42, "/etc/hosts", null),
            pair("rename", "mv", 0, "/a", "/b")));
  }

  @Test
  void controlCharactersNeverBreakALine() {
    assertEquals(StreamSink.IOR_HEADER + "\n300,2500,x@10.11,read=>1,/tmp/a\\x0ab\\\\c\n",
        render(StreamFormat.IOR, false, pair("read", "x", 1, "/tmp/a\nb\\c", null)));
  }

  @Test
  void bidiControlsAreEscapedOnTerminalsOnly() {
    String evil = "/tmp/invoice\u202Efdp.exe";
    assertEquals(StreamSink.IOR_HEADER + "\n300,2500,x@10.11,read=>1,/tmp/invoice\\u202efdp.exe\n",
        render(StreamFormat.IOR, true, pair("read", "x", 1, evil, null)));
    assertEquals(StreamSink.IOR_HEADER + "\n300,2500,x@10.11,read=>1," + evil + "\n",
        render(StreamFormat.IOR, false, pair("read", "x", 1, evil, null)));
  }

  @Test
  void csvQuotesPerRfc4180AndMatchesItsHeader() {
    String out = render(StreamFormat.CSV, false, pair("read", "a,b", 42, "/x\"y", null),
        pair("openat", "cat", -2, "/missing", null));
    String[] lines = out.split("\n");
    assertEquals(StreamSink.CSV_HEADER, lines[0]);
    assertEquals("2026-11-26T06:40:01.000005000Z,300,2500,\"a,b\",10,11,read,3,42,42,\"/x\"\"y\",,"
        + ",\"a,b\",false,false,,", lines[1]);
    assertEquals("2026-11-26T06:40:01.000005000Z,300,2500,cat,10,11,openat,3,-2,0,/missing,,ENOENT"
        + ",cat,false,false,,", lines[2]);
    assertEquals(StreamSink.CSV_HEADER.split(",").length, lines[2].split(",", -1).length);
  }

  @Test
  void csvEscapesControlCharactersSoEveryRowIsOneLine() {
    String out = render(StreamFormat.CSV, false, pair("read", "c", 1, "/a\nb", null));
    assertEquals(2, out.split("\n").length, out);
    assertEquals(true, out.contains(",/a\\x0ab,"), out);
  }

  @Test
  void jsonLines() {
    assertEquals("{\"time\":\"2026-11-26T06:40:01.000005000Z\",\"gap_ns\":300,\"latency_ns\":2500,"
            + "\"comm\":\"q\\\"t\",\"pid\":10,\"tid\":11,\"syscall\":\"openat\",\"fd\":3,\"ret\":-2,"
            + "\"bytes\":0,\"file\":\"/a\\\\x0ab\",\"file2\":null,\"error\":\"ENOENT\","
            + "\"thread\":\"q\\\"t\",\"compat\":false,\"file_late\":false,"
            + "\"cgroup\":null,\"container\":null}\n",
        render(StreamFormat.JSON, false, pair("openat", "q\"t", -2, "/a\nb", null)));
  }

  @Test
  void bytesThatAreNotUtf8AreEscapedInEveryFormatAndStayApart() {
    PairRecord ff = pair("read", "c\udcfe", 1, "/r/x\udcff", null);
    PairRecord fe = pair("read", "c\udcfe", 1, "/r/x\udcfe", "/b\\s");
    assertEquals(StreamSink.IOR_HEADER + "\n300,2500,c\\xfe@10.11,read=>1,/r/x\\xff\n"
            + "300,2500,c\\xfe@10.11,read=>1,/r/x\\xfe -> /b\\\\s\n",
        render(StreamFormat.IOR, false, ff, fe));
    String csv = render(StreamFormat.CSV, false, ff, fe);
    assertTrue(csv.contains(",c\\xfe,10,11,read,3,1,1,/r/x\\xff,,,c\\xfe,false,false,,\n"), csv);
    assertTrue(csv.contains(",/r/x\\xfe,/b\\\\s,,c\\xfe,false,false,,\n"), csv);
    // JSON: the string's value is the escaped name, so its backslashes are doubled once more.
    String json = render(StreamFormat.JSON, false, ff, fe);
    assertTrue(json.contains("\"comm\":\"c\\\\xfe\""), json);
    assertTrue(json.contains("\"file\":\"/r/x\\\\xff\""), json);
    assertTrue(json.contains("\"file\":\"/r/x\\\\xfe\",\"file2\":\"/b\\\\\\\\s\""), json);
  }

  @Test
  void utf8AndSurrogatePairsSurvive() {
    assertEquals(StreamSink.IOR_HEADER + "\n300,2500,x@10.11,read=>1,/tmp/\u00e9t\u00e9/\ud83d\ude00\n",
        render(StreamFormat.IOR, false, pair("read", "x", 1, "/tmp/\u00e9t\u00e9/\ud83d\ude00", null)));
  }

  @Test
  void cgroupAndContainerColumns() {
    String id = "3f2a1b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7a8";
    Map<Long, CgroupInfo> known = Map.of(
        7L, CgroupInfo.of(7, "/system.slice/docker-" + id + ".scope"),
        8L, CgroupInfo.of(8, "/my,group"),
        9L, CgroupInfo.gone(9));
    String csv = render(StreamFormat.CSV, false, known::get, inCgroup(7), inCgroup(8),
        inCgroup(9), inCgroup(10), inCgroup(0));
    List<String> ends = csv.lines().skip(1).map(l -> l.substring(l.indexOf("false,false") + 11))
        .collect(Collectors.toList());
    assertEquals(List.of(",/system.slice/docker-" + id + ".scope,docker:3f2a1b4c5d6e",
        ",\"/my,group\",\"/my,group\"", // no container: the path stands in
        ",#9,#9", // gone before it was resolved
        ",#10,", // not resolved yet
        ",,"), ends);
    String json = render(StreamFormat.JSON, false, known::get, inCgroup(7), inCgroup(10));
    assertTrue(json.contains(",\"cgroup\":\"/system.slice/docker-" + id + ".scope\","
        + "\"container\":\"docker:3f2a1b4c5d6e\"}\n"), json);
    assertTrue(json.endsWith(",\"cgroup\":\"#10\",\"container\":null}\n"), json);
  }

  @Test
  void headerIsWrittenEvenWithoutPairs() {
    assertEquals(StreamSink.CSV_HEADER + "\n", render(StreamFormat.CSV, false));
    assertEquals("", render(StreamFormat.JSON, false));
  }
}
