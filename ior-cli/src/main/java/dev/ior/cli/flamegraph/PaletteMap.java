// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.flamegraph;

import dev.ior.flamegraph.io.AtomicFile;
import dev.ior.flamegraph.svg.Palette;
import dev.ior.flamegraph.tree.FrameTree;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * flamegraph.pl's consistent palette ({@code --cp}): {@code palette.map} in the current
 * directory, lines {@code NAME->COLOR} sorted by name; read before drawing, written back with
 * the colours of the names this graph added (through {@link AtomicFile}).
 */
final class PaletteMap {
  /** The file's name, in the current directory as flamegraph.pl keeps it. */
  static final String FILE = "palette.map";

  private final Path file;
  private final Map<String, String> colors;

  private PaletteMap(Path file, Map<String, String> colors) {
    this.file = file;
    this.colors = colors;
  }

  /** The map in {@code file}; empty when there is none yet. */
  static PaletteMap read(Path file) throws IOException {
    Map<String, String> colors = new TreeMap<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        int arrow = line.lastIndexOf("->");
        String color = arrow < 0 ? "" : line.substring(arrow + 2).trim();
        // A colour goes into an attribute: only rgb(...) or #hex, never markup.
        if (arrow > 0 && color.matches("rgb\\(\\d{1,3},\\d{1,3},\\d{1,3}\\)|#[0-9a-fA-F]{6}")) {
          colors.put(line.substring(0, arrow), color);
        }
      }
    } catch (NoSuchFileException e) {
      // the first graph with --cp starts the map
    }
    return new PaletteMap(file, colors);
  }

  Map<String, String> colors() {
    return colors;
  }

  /** Adds the colour of every name in {@code tree} not in the map yet and writes the map. */
  void addAndWrite(FrameTree tree, Palette palette) throws IOException {
    tree.walk((n, depth, start) -> {
      if (depth > 0 && !n.isMerged()) {
        colors.putIfAbsent(n.name(), palette.fill(n.name(), n.kind()));
      }
      return true;
    });
    StringBuilder b = new StringBuilder();
    colors.forEach((name, color) -> b.append(name).append("->").append(color).append('\n'));
    AtomicFile.write(file, out -> {
      out.write(b.toString().getBytes(StandardCharsets.UTF_8));
      return null;
    });
  }
}
