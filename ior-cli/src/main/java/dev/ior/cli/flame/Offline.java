// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.flame;

import dev.ior.flamegraph.io.AtomicFile;
import dev.ior.core.iorfile.IorData;
import dev.ior.core.iorfile.IorFileReader;
import dev.ior.core.projection.Projection;
import dev.ior.flamegraph.diff.DiffFlameGraph;
import dev.ior.flamegraph.pprof.PprofReader;
import dev.ior.flamegraph.profile.StackProfile;
import dev.ior.flamegraph.svg.SvgOptions;
import dev.ior.flamegraph.svg.SvgStats;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The conversions that need no trace and no root: re-projecting a {@code .ior} file ({@code
 * -ior}), rendering any pprof ({@code -from-pprof}) and differential graphs ({@code -diff}).
 *
 * <pre>{@code
 * new Offline(err, Projection.parse("pid,path", "bytes"), null, List.of(), false, false)
 *     .reproject(Path.of("ior-earth-20261126-070500.ior"));
 * }</pre>
 */
final class Offline {
  private final PrintWriter err;
  private final Projection projection;
  private final String name;
  private final List<String> tool;
  private final boolean flameGraph;
  private final boolean pprof;

  Offline(PrintWriter err, Projection projection, String name, List<String> tool,
      boolean flameGraph, boolean pprof) {
    this.err = err;
    this.projection = projection;
    this.name = name;
    this.tool = tool;
    this.flameGraph = flameGraph;
    this.pprof = pprof;
  }

  /** {@code ior -ior FILE}: FILE-FIELDS-by-COUNT.collapsed and .svg (and .pb.gz with -pprof). */
  int reproject(Path file) throws IOException {
    IorData data = IorFileReader.read(file);
    String base = name != null ? name
        : RunNames.stem(file, ".ior") + "-" + projection.describe();
    err.printf(Locale.ROOT, "ior: %s: %,d rows from host %s, %.1f s%n", file,
        data.rows().size(), data.run().host(), data.run().durationNanos() / 1e9);
    return new IorRenderer(err).render(data, projection,
        new RenderSettings(base, flameGraph || !pprof, pprof, tool));
  }

  /** {@code ior -from-pprof FILE}: any pprof as folded stacks and SVG. */
  int fromPprof(Path file, String count) throws IOException {
    StackProfile p = PprofReader.read(file);
    int column = InputProfiles.column(p, count);
    String base = name != null ? name : RunNames.stem(file, ".pb.gz", ".pprof", ".pb", ".gz");
    SvgOptions o = SvgOptions.defaults().withTitle(file.getFileName().toString())
        .withSubtitle(p.sampleTypes().get(column).type())
        .withCountName(InputProfiles.countName(p, column));
    return new FlameFiles(err).write(p, column, o,
        new RenderSettings(base, true, pprof, tool));
  }

  /** {@code ior -diff BEFORE AFTER}: NAME.svg, and difffolded.pl's columns in NAME.difffolded. */
  int diff(Path before, Path after, boolean normalize) throws IOException {
    InputProfiles in = new InputProfiles(err, projection);
    StackProfile b = in.load(before);
    StackProfile a = in.load(after);
    int bi = in.column(b);
    int ai = in.column(a);
    String base = name != null ? name
        : RunNames.stem(after, ".ior", ".collapsed", ".pb.gz") + "-diff";
    SvgOptions o = SvgOptions.defaults()
        .withTitle("Differential flame graph: red grew, blue shrank")
        .withSubtitle(before.getFileName() + " → " + after.getFileName()
            + (normalize ? " (before normalized to after's total)" : ""))
        .withCountName(InputProfiles.countName(a, ai));
    Path svg = Path.of(base + ".svg");
    SvgStats s = AtomicFile.write(svg, out -> DiffFlameGraph.render(b, bi, a, ai, normalize, o,
        out));
    Path folded = Path.of(base + ".difffolded");
    AtomicFile.write(folded, out -> {
      Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      DiffFlameGraph.writeFolded(b, bi, a, ai, normalize, w);
      return null;
    });
    err.printf(Locale.ROOT, "ior: wrote %s (%,d frames; before %,d, after %,d) and %s%n", svg,
        s.frames(), b.total(bi), a.total(ai), folded);
    err.flush();
    return 0;
  }
}
