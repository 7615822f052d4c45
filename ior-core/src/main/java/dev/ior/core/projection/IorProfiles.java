// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.projection;

import dev.ior.core.iorfile.IorData;
import dev.ior.core.iorfile.RunFilters;
import dev.ior.core.iorfile.RunInfo;
import dev.ior.core.stats.TraceStats;
import dev.ior.flamegraph.load.Decoded;
import dev.ior.flamegraph.profile.StackProfile;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run's data as a described profile: the projection with pid/tid/comm labels, the run's notes
 * (host, projection, losses, filters) for pprof, and the title and subtitle of its flame graph.
 * The same for a live {@code ior -flamegraph} and for a {@code .ior} file read later, so both
 * give the same bytes.
 *
 * <pre>{@code
 * Decoded d = IorProfiles.of(IorFileReader.read(file), Projection.defaults());
 * d.subtitle(); // "earth, 3.0 s from 2026-11-26 07:05:00 UTC; nothing lost"
 * }</pre>
 */
public final class IorProfiles {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT);

  private IorProfiles() {}

  /**
   * {@return the projected, labelled profile of {@code data} with its title, subtitle and unit
   * names}
   *
   * @param data a {@code .ior} file's content
   * @param p the fields and the count
   */
  public static Decoded of(IorData data, Projection p) {
    StackProfile profile = p.project(data.rows(), info(data.run(), p));
    return new Decoded(profile, title(p), subtitle(data.run()),
        Map.of(Count.COUNT.id(), Count.COUNT.countName()));
  }

  /**
   * {@return the title, e.g. "I/O Traces (pid,path,tracepoint by duration)"}
   *
   * @param p the fields and the count
   */
  public static String title(Projection p) {
    return "I/O Traces (" + p.describe().replace("-by-", " by ").replace('-', ',') + ")";
  }

  /**
   * {@return the subtitle, e.g. "earth, 3.0 s from 2026-11-26 07:05:00 UTC; nothing lost"}
   *
   * @param run the run's metadata (host, duration, start, losses)
   */
  public static String subtitle(RunInfo run) {
    String when = run.startUnixNanos() == 0 ? ""
        : " from " + WHEN.format(Instant.ofEpochSecond(0, run.startUnixNanos())
            .atOffset(ZoneOffset.UTC));
    return String.format(Locale.ROOT, "%s, %.1f s%s; %s", run.host(),
        run.durationNanos() / 1e9, when, lossNote(run.stats()));
  }

  private static ProfileInfo info(RunInfo run, Projection p) {
    List<String> notes = new ArrayList<>();
    notes.add("ior trace of host " + run.host() + ", " + p.describe());
    notes.add(lossNote(run.stats()));
    String filters = filters(run.filters());
    if (!filters.isEmpty()) {
      notes.add("filters: " + filters);
    }
    return new ProfileInfo(run.startUnixNanos(), run.durationNanos(), notes, true);
  }

  private static String lossNote(TraceStats s) {
    return s.lossy()
        ? String.format(Locale.ROOT, "lost %,d events: totals are lower bounds", s.lost())
        : "nothing lost";
  }

  private static String filters(RunFilters r) {
    List<String> f = new ArrayList<>();
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
