// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.flame;

import dev.ior.cli.UserFiles;
import dev.ior.core.iorfile.IorData;
import dev.ior.core.iorfile.IorFileReader;
import dev.ior.core.projection.Field;
import dev.ior.core.projection.IorDataFormat;
import dev.ior.core.projection.IorProfiles;
import dev.ior.core.projection.Projection;
import dev.ior.flamegraph.diff.DiffFlameGraph;
import dev.ior.flamegraph.io.OutputFiles;
import dev.ior.flamegraph.load.Decoded;
import dev.ior.flamegraph.load.Input;
import dev.ior.flamegraph.load.LoadOptions;
import dev.ior.flamegraph.load.Loaded;
import dev.ior.flamegraph.load.ProfileLoader;
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
import java.util.Optional;

/**
 * The conversions that need no trace and no root: re-projecting a {@code .ior} file ({@code
 * -ior}), rendering any profile ({@code -from-pprof}) and differential graphs ({@code -diff}).
 * Inputs are read by the flame-graph library's {@link ProfileLoader}, which knows {@code .ior}
 * files through {@link IorDataFormat}: the same front end as {@code bin/flamegraph}.
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
    String base = name != null ? name
        : RunNames.stem(file, ".ior") + "-" + projection.describe();
    if (!canWrite(base, flameGraph || !pprof ? ".svg" : null, pprof ? ".pb.gz" : null)) {
      return 2;
    }
    IorData data = IorFileReader.read(file);
    err.printf(Locale.ROOT, "ior: %s: %,d rows from host %s, %.1f s%n", file,
        data.rows().size(), data.run().host(), data.run().durationNanos() / 1e9);
    return render(err, data, projection,
        new RenderSettings(base, flameGraph || !pprof, pprof, tool));
  }

  /** The files of a run's data, live ({@code -flamegraph}) or from its {@code .ior} file. */
  static int render(PrintWriter err, IorData data, Projection p, RenderSettings s) {
    Decoded d = IorProfiles.of(data, p);
    SvgOptions o = SvgOptions.defaults().withTitle(d.title()).withSubtitle(d.subtitle())
        .withCountName(p.count().countName()).withPalette(Field.palette());
    return new FlameFiles(err).write(d.profile(), p.valueIndex(), p.count().countName(), o, s);
  }

  /** {@code ior -from-pprof FILE}: any profile as folded stacks and SVG. */
  int fromPprof(Path file, String count) throws IOException {
    String base = name != null ? name : RunNames.stem(file, ".pb.gz", ".pprof", ".pb", ".gz");
    if (!canWrite(base, ".svg", pprof ? ".pb.gz" : null)) {
      return 2;
    }
    Loaded in = loader().load(Input.file(file),
        LoadOptions.profileOnly().withValue(count == null ? "" : count));
    in.skippedLines().forEach(l -> err.println("ior: " + l));
    SvgOptions o = svgOptions(in).withTitle(file.getFileName().toString())
        .withSubtitle(in.sampleType().type());
    return new FlameFiles(err).write(in.profile(), in.column(), in.countName(), o,
        new RenderSettings(base, true, pprof, tool));
  }

  /** {@code ior -diff BEFORE AFTER}: NAME.svg, and difffolded.pl's columns in NAME.difffolded. */
  int diff(Path before, Path after, boolean normalize) throws IOException {
    String base = name != null ? name
        : RunNames.stem(after, ".ior", ".collapsed", ".pb.gz") + "-diff";
    if (!canWrite(base, ".svg", ".difffolded")) {
      return 2;
    }
    LoadOptions lo = LoadOptions.profileOnly();
    Loaded b = loader().load(Input.file(before), lo);
    Loaded a = loader().load(Input.file(after), lo);
    b.skippedLines().forEach(l -> err.println("ior: " + l));
    a.skippedLines().forEach(l -> err.println("ior: " + l));
    StackProfile bp = b.profile();
    StackProfile ap = a.profile();
    SvgOptions o = svgOptions(a)
        .withTitle("Differential flame graph: red grew, blue shrank")
        .withSubtitle(before.getFileName() + " → " + after.getFileName()
            + (normalize ? " (before normalized to after's total)" : ""));
    Path svg = Path.of(base + ".svg");
    Path folded = Path.of(base + ".difffolded");
    List<OutputFiles.Result> done = new OutputFiles()
        .add(svg, out -> DiffFlameGraph.render(bp, b.column(), ap, a.column(), normalize, o, out))
        .add(folded, out -> {
          Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
          DiffFlameGraph.writeFolded(bp, b.column(), ap, a.column(), normalize, w);
          return null;
        })
        .writeAll();
    int rc = 0;
    for (OutputFiles.Result r : done) {
      if (!r.ok()) {
        err.println("ior: " + r.message());
        rc = 1;
      } else if (r.file().equals(svg)) {
        err.printf(Locale.ROOT, "ior: wrote %s (%,d frames; before %,d, after %,d)%n", svg,
            ((SvgStats) r.value()).frames(), bp.total(b.column()), ap.total(a.column()));
      } else {
        err.printf(Locale.ROOT, "ior: wrote %s%n", folded);
      }
    }
    err.flush();
    return rc;
  }

  /** Whether every named file of {@code base} can be written; says why not (nulls skipped). */
  private boolean canWrite(String base, String... extensions) {
    for (String ext : extensions) {
      Optional<String> problem = ext == null ? Optional.empty()
          : UserFiles.outputProblem(Path.of(base + ext));
      if (problem.isPresent()) {
        err.println("ior: " + problem.get());
        err.flush();
        return false;
      }
    }
    return true;
  }

  private ProfileLoader loader() {
    return ProfileLoader.standard().with(new IorDataFormat(projection));
  }

  /** What every graph of a loaded input shares: its unit's name and ior's palette. */
  private static SvgOptions svgOptions(Loaded in) {
    return SvgOptions.defaults().withCountName(in.countName()).withPalette(Field.palette());
  }
}
