// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.flame;

import dev.ior.core.iorfile.IorData;
import dev.ior.core.iorfile.RunInfo;
import dev.ior.core.projection.ProfileInfo;
import dev.ior.core.projection.Projection;
import dev.ior.core.stats.TraceStats;
import dev.ior.flamegraph.profile.StackProfile;
import dev.ior.flamegraph.svg.SvgOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a run's aggregated data into its flame-graph files through a projection: the same code
 * path for a live {@code ior -flamegraph} and an offline {@code ior -ior FILE}, so both give the
 * same bytes for the same rows.
 *
 * <pre>{@code
 * new IorRenderer(err).render(IorFileReader.read(file), Projection.parse("pid,path", "bytes"),
 *     new RenderSettings("out", true, false, List.of()));
 * }</pre>
 */
final class IorRenderer {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT);

  private final PrintWriter err;

  IorRenderer(PrintWriter err) {
    this.err = err;
  }

  /** Writes the files {@code s} asks for; returns 0 or an exit code. */
  int render(IorData data, Projection projection, RenderSettings s) throws IOException {
    FlameFiles files = new FlameFiles(err);
    int column = projection.valueIndex();
    int rc = 0;
    if (s.flameGraph()) { // no labels: folded stacks and SVGs have no place for them
      StackProfile plain = projection.project(data.rows(), info(data.run(), projection, false));
      rc = files.write(plain, column, svgOptions(data.run(), projection),
          new RenderSettings(s.base(), true, false, s.tool()));
    }
    if (s.pprof()) {
      StackProfile labelled = projection.project(data.rows(), info(data.run(), projection, true));
      rc = Math.max(rc, files.write(labelled, column, null,
          new RenderSettings(s.base(), false, true, List.of())));
    }
    return rc;
  }

  private static ProfileInfo info(RunInfo run, Projection p, boolean labels) {
    List<String> notes = new ArrayList<>();
    notes.add("ior trace of host " + run.host() + ", " + p.describe());
    notes.add(lossNote(run.stats()));
    String filters = filters(run);
    if (!filters.isEmpty()) {
      notes.add("filters: " + filters);
    }
    return new ProfileInfo(run.startUnixNanos(), run.durationNanos(), notes, labels);
  }

  static SvgOptions svgOptions(RunInfo run, Projection p) {
    String fields = p.describe().replace("-by-", " by ").replace('-', ',');
    String when = run.startUnixNanos() == 0 ? ""
        : " from " + WHEN.format(Instant.ofEpochSecond(0, run.startUnixNanos())
            .atOffset(ZoneOffset.UTC));
    String subtitle = String.format(Locale.ROOT, "%s, %.1f s%s; %s", run.host(),
        run.durationNanos() / 1e9, when, lossNote(run.stats()));
    return SvgOptions.defaults().withTitle("I/O Traces (" + fields + ")").withSubtitle(subtitle)
        .withCountName(FlameFiles.countName(p.count().sampleType().unit()));
  }

  private static String lossNote(TraceStats s) {
    return s.lossy()
        ? String.format(Locale.ROOT, "lost %,d events: totals are lower bounds", s.lost())
        : "nothing lost";
  }

  private static String filters(RunInfo run) {
    List<String> f = new ArrayList<>();
    var r = run.filters();
    if (r.pid() != 0) {
      f.add("pid " + r.pid());
    }
    if (r.tid() != 0) {
      f.add("tid " + r.tid());
    }
    if (!r.comm().isEmpty()) {
      f.add("comm ~ " + r.comm());
    }
    if (!r.path().isEmpty()) {
      f.add("path ~ " + r.path());
    }
    if (!r.tracepoints().isEmpty()) {
      f.add("tps " + String.join(",", r.tracepoints()));
    }
    if (!r.tracepointsExclude().isEmpty()) {
      f.add("tpsExclude " + String.join(",", r.tracepointsExclude()));
    }
    return String.join(", ", f);
  }
}
