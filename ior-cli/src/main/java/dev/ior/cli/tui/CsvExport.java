// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.tui;

import dev.ior.flamegraph.text.NameEscaper;
import dev.ior.flamegraph.io.AtomicFile;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Writes the current table as RFC 4180 CSV to {@code ior-<tab>-<UTC time>.csv} in a directory,
 * through a temporary name and a rename so that readers never see half a file.
 *
 * <pre>{@code
 * String msg = CsvExport.inDirectory(Path.of(".")).export("Files", rows);
 * }</pre>
 */
public final class CsvExport {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final Path dir;
  private final Clock clock;

  /** Exports into {@code dir}, file names stamped with {@code clock}'s time. */
  public CsvExport(Path dir, Clock clock) {
    this.dir = dir;
    this.clock = clock;
  }

  /** Exports into {@code dir} with the system clock. */
  public static CsvExport inDirectory(Path dir) {
    return new CsvExport(dir, Clock.systemUTC());
  }

  /**
   * Writes {@code rows} (header first) and says where, or why not, as a status-line message.
   *
   * @param tab the tab's title, part of the file name
   * @param rows the table, or null when the tab has none
   */
  public String export(String tab, List<List<String>> rows) {
    if (rows == null) {
      return "this tab has no table to export (tabs 3 to 7 have one)";
    }
    Path file = dir.resolve("ior-" + tab.toLowerCase(Locale.ROOT) + "-"
        + STAMP.format(clock.instant()) + ".csv").toAbsolutePath();
    try {
      AtomicFile.write(file, out -> {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        for (List<String> r : rows) {
          w.write(line(r));
        }
        w.flush();
        return null;
      });
      return "exported " + (rows.size() - 1) + " rows to " + file;
    } catch (IOException e) {
      return "export failed: " + e.getMessage();
    }
  }

  /**
   * One CSV record with CRLF. Fields are escaped as the stream's CSV escapes names ({@link
   * NameEscaper#TEXT}: no line break survives, bytes that are not UTF-8 become {@code \xNN}),
   * then quoted when they hold a comma or a quote.
   */
  static String line(List<String> fields) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      String f = NameEscaper.TEXT.escape(fields.get(i));
      if (i > 0) {
        sb.append(',');
      }
      if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0) {
        sb.append('"').append(f.replace("\"", "\"\"")).append('"');
      } else {
        sb.append(f);
      }
    }
    return sb.append("\r\n").toString();
  }
}
