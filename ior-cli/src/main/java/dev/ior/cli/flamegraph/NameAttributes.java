// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.flamegraph;

import dev.ior.flamegraph.io.InputLimits;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * flamegraph.pl's {@code --nameattr} file: one line per frame name, {@code NAME TAB attr=value
 * TAB attr=value...}. A line without an attribute is an error naming the file and line, as
 * flamegraph.pl refuses it ("Invalid format").
 */
final class NameAttributes {
  private NameAttributes() {}

  static Map<String, Map<String, String>> read(Path file) throws IOException {
    Map<String, Map<String, String>> all = new HashMap<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int no = 0;
      while ((line = r.readLine()) != null) {
        no++;
        if (line.isEmpty()) {
          continue;
        }
        String[] f = line.split("\t");
        if (f.length < 2 || no > InputLimits.DEFAULT_ROWS) {
          throw new IOException(file + ":" + no + ": expected NAME<TAB>attr=value...");
        }
        Map<String, String> attrs = new LinkedHashMap<>();
        for (int i = 1; i < f.length; i++) {
          int eq = f[i].indexOf('=');
          if (eq <= 0) {
            throw new IOException(file + ":" + no + ": expected attr=value, not '" + f[i] + "'");
          }
          attrs.put(f[i].substring(0, eq), f[i].substring(eq + 1));
        }
        all.put(f[0], attrs);
      }
    }
    return all;
  }
}
