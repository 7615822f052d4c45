// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.tui;

import static dev.ior.cli.tui.TuiPairs.pair;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import dev.ior.core.live.LiveStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names with control characters, bytes that are not UTF-8 and bidi overrides on the dashboard:
 * every tab draws them on a real lanterna screen (an ESC used to throw "Cannot create a
 * TextCharacter from a control character"), escaped as the stream escapes them, apart.
 */
class NamesOnScreenTest {
  private static final String ESC = "/d/\u001b[2Jboom";
  private static final String FF = "/d/x\udcff";
  private static final String FE = "/d/x\udcfe";
  private static final String BIDI = "/d/invoice\u202efdp.exe";

  @TempDir Path dir;
  private final long now = 5_000_000_000L;

  private Dashboard dashboard() {
    LiveStats live = new LiveStats(() -> now, 100);
    live.accept(pair("e\u001bvil", 10, "write", ESC, 3_000, 5));
    live.accept(pair("db", 11, "write", FF, 2_000, 7));
    live.accept(pair("db", 11, "write", FE, 1_000, 9));
    live.accept(pair("db", 11, "read", BIDI, 1_000, 1));
    ProcessSource procs = () -> List.of(new ProcessSource.Info(10, "e\u001bvil", "e\u001bvil -x"));
    Dashboard d = new Dashboard(live, new TuiOptions("all", false, procs,
        new CsvExport(dir, Clock.systemUTC())), () -> now);
    d.update();
    return d;
  }

  private static KeyStroke ch(char c) {
    return new KeyStroke(c, false, false);
  }

  private static String text(TerminalScreen screen) {
    StringBuilder b = new StringBuilder();
    TerminalSize size = screen.getTerminalSize();
    for (int row = 0; row < size.getRows(); row++) {
      for (int col = 0; col < size.getColumns(); col++) {
        b.append(screen.getFrontCharacter(col, row).getCharacterString());
      }
      b.append('\n');
    }
    return b.toString();
  }

  @Test
  void everyTabAndThePickerDrawOnALanternaScreen() throws IOException {
    DefaultVirtualTerminal terminal = new DefaultVirtualTerminal(new TerminalSize(140, 30));
    TerminalScreen screen = new TerminalScreen(terminal);
    screen.startScreen();
    Dashboard d = dashboard();
    StringBuilder all = new StringBuilder();
    for (char tab = '1'; tab <= '7'; tab++) {
      d.handle(ch(tab));
      screen.clear();
      d.draw(new LanternaCanvas(screen.newTextGraphics(), screen.getTerminalSize()));
      screen.refresh();
      all.append(text(screen));
    }
    d.handle(ch('p'));
    d.draw(new LanternaCanvas(screen.newTextGraphics(), screen.getTerminalSize()));
    screen.refresh();
    all.append(text(screen));
    screen.stopScreen();
    assertTrue(all.toString().contains("/d/\\x1b[2Jboom"), all.toString());
    assertTrue(all.toString().contains("e\\x1bvil -x"), all.toString());
    assertFalse(all.toString().contains("\u001b"));
  }

  @Test
  void namesAreShownEscapedAndApartOnEveryTab() {
    Dashboard d = dashboard();
    for (char tab : new char[] {'4', '7'}) { // Files, Stream
      d.handle(ch(tab));
      TextCanvas c = new TextCanvas(140, 30);
      d.draw(c);
      String s = c.text();
      assertTrue(s.contains("/d/x\\xff") && s.contains("/d/x\\xfe"), s);
      assertTrue(s.contains("/d/invoice\\u202efdp.exe"), s);
      assertTrue(s.contains("/d/\\x1b[2Jboom"), s);
    }
    // A filter pushed from the file cell of the oldest row names its value the same way.
    for (int i = 0; i < 3; i++) {
      d.handle(new KeyStroke(KeyType.ArrowUp));
    }
    for (int i = 0; i < 8; i++) {
      d.handle(new KeyStroke(KeyType.ArrowRight));
    }
    d.handle(new KeyStroke(KeyType.Enter));
    TextCanvas c = new TextCanvas(140, 30);
    d.draw(c);
    assertTrue(c.text().contains("filter: file=/d/\\x1b[2Jboom"), c.text());
  }

  @Test
  void csvExportsEscapeNamesLikeTheStream() throws IOException {
    Dashboard d = dashboard();
    d.handle(ch('4'));
    d.handle(ch('e'));
    Path csv;
    try (var files = Files.list(dir)) {
      csv = files.filter(p -> p.toString().endsWith(".csv")).findFirst().orElseThrow();
    }
    String text = Files.readString(csv);
    assertTrue(text.contains("/d/x\\xff,") && text.contains("/d/x\\xfe,"), text);
    assertTrue(text.contains("/d/\\x1b[2Jboom,"), text);
    assertEquals(5, text.split("\r\n").length, text); // header and four files, one line each
  }
}
