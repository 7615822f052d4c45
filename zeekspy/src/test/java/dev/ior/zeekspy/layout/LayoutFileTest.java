// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.zeekspy.ZeekSpyException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The layout file format: strict keys, numbers, consistency. */
class LayoutFileTest {
  @TempDir Path tmp;

  static String builtIn30() throws IOException {
    try (InputStream in = LayoutCatalog.class.getResourceAsStream("zeek-3.0-gcc-x86_64.layout")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void readsAFileWithHexAndListSyntax() throws Exception {
    String text = builtIn30().replace("name = zeek-3.0-gcc-x86_64", "name = mine")
        .replace("frame.next_stmt = 144", "frame.next_stmt = 0x98")
        .replace("versions = 3.0.*", "versions = 4.0.*, 4.1.*");
    Path f = tmp.resolve("mine.layout");
    Files.writeString(f, text);
    ZeekLayout l = LayoutFile.read(f);
    assertEquals("mine", l.name());
    assertEquals(0x98, l.offsets().frameNextStmt());
    assertEquals(List.of("4.0.*", "4.1.*"), l.versions());
    assertEquals(List.of("call_stack", "zeek::detail::call_stack"), l.callStackSymbols());
    assertTrue(l.matchesVersion("4.1.1"));
  }

  @Test
  void formatReadsBackToTheSameLayout() throws Exception {
    for (ZeekLayout l : LayoutCatalog.builtIn().layouts()) {
      String text = LayoutFile.format(l, List.of("a header line"));
      assertTrue(text.startsWith("# a header line\n"), text);
      assertEquals(l, LayoutFile.parse(text, "formatted"));
    }
    ZeekLayout l = LayoutCatalog.builtIn().layouts().get(0);
    Offsets o = l.offsets();
    ZeekLayout libcxx = new ZeekLayout("c", "d", List.of("4.*"), "x86_64", "clang",
        l.callStackSymbols(), l.frameStackSymbols(), l.versionSymbols(), new Offsets(
            o.vectorStart(), o.vectorFinish(), o.vectorEndOfStorage(), o.callInfoSize(),
            o.callInfoCall(), o.callInfoFunc(), o.objLocation(), o.funcKind(), o.scriptKind(),
            o.funcName(), 16, 8, o.locationFilename(), o.locationFirstLine(),
            o.frameNextStmt(), StringAbi.LIBCXX));
    String text = LayoutFile.format(libcxx, List.of());
    assertTrue(text.contains("string.abi = libc++\n"), text);
    assertEquals(libcxx, LayoutFile.parse(text, "formatted"));
  }

  @Test
  void stringAbiIsOptionalAndChecked() throws Exception {
    assertEquals(StringAbi.LIBSTDCXX, LayoutFile.parse(builtIn30(), "x").offsets().stringAbi());
    assertEquals(StringAbi.LIBCXX_ALTERNATE, LayoutFile.parse(builtIn30()
        + "\nstring.abi = libc++-alternate\n", "x").offsets().stringAbi());
    assertTrue(bad(builtIn30() + "\nstring.abi = msvc\n").getMessage()
        .contains("string.abi must be libstdc++, libc++ or libc++-alternate"));
  }

  @Test
  void unknownKeyIsAnError() throws Exception {
    ZeekSpyException e = bad(builtIn30() + "\nframe.next_stmnt = 144\n");
    assertTrue(e.getMessage().contains("unknown keys [frame.next_stmnt]"), e.getMessage());
  }

  @Test
  void missingKeyIsAnError() throws Exception {
    ZeekSpyException e = bad(builtIn30().replace("func.kind = 56", ""));
    assertTrue(e.getMessage().contains("missing keys [func.kind]"), e.getMessage());
  }

  @Test
  void badNumbersAndInconsistentOffsets() throws Exception {
    assertTrue(bad(builtIn30().replace("func.name = 72", "func.name = seventy"))
        .getMessage().contains("not a number"));
    assertTrue(bad(builtIn30().replace("callinfo.func = 8", "callinfo.func = 24"))
        .getMessage().contains("inside callinfo.size"));
    assertTrue(bad(builtIn30().replace("obj.location = 8", "obj.location = 12"))
        .getMessage().contains("8-byte aligned"));
  }

  @Test
  void unreadableFile() {
    ZeekSpyException e = assertThrows(ZeekSpyException.class,
        () -> LayoutFile.read(tmp.resolve("nope.layout")));
    assertEquals(ZeekSpyException.Reason.BAD_LAYOUT, e.reason());
  }

  @Test
  void spansCoverTheFieldsRead() throws Exception {
    Offsets o = LayoutFile.parse(builtIn30(), "t").offsets();
    assertEquals(24, o.vectorSize());
    assertEquals(20, o.locationSpan());
    assertEquals(8, o.funcSpanStart());
    assertEquals(88 - 8, o.funcSpanLength());
  }

  private static ZeekSpyException bad(String text) {
    ZeekSpyException e = assertThrows(ZeekSpyException.class, () -> LayoutFile.parse(text, "t"));
    assertEquals(ZeekSpyException.Reason.BAD_LAYOUT, e.reason());
    return e;
  }
}
