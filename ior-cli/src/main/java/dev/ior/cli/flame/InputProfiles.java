// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.flame;

import dev.ior.core.iorfile.IorFileReader;
import dev.ior.core.projection.ProfileInfo;
import dev.ior.core.projection.Projection;
import dev.ior.flamegraph.collapsed.CollapsedReader;
import dev.ior.flamegraph.collapsed.CollapsedResult;
import dev.ior.flamegraph.collapsed.MalformedLine;
import dev.ior.flamegraph.pprof.PprofReader;
import dev.ior.flamegraph.profile.StackProfile;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads a profile from whatever the user names: a {@code .ior} file (projected with {@code
 * -fields}/{@code -count}), a pprof profile (gzip magic or {@code .pb} name) or folded stacks
 * (malformed lines are reported with their numbers and skipped).
 *
 * <pre>{@code
 * StackProfile p = new InputProfiles(err, Projection.defaults()).load(Path.of("a.collapsed"));
 * }</pre>
 */
final class InputProfiles {
  /** Skipped lines reported one by one; the rest are counted. */
  private static final int SHOWN = 5;

  private final PrintWriter err;
  private final Projection projection;

  InputProfiles(PrintWriter err, Projection projection) {
    this.err = err;
    this.projection = projection;
  }

  StackProfile load(Path file) throws IOException {
    if (IorFileReader.isIorFile(file)) {
      return projection.project(IorFileReader.read(file).rows(), ProfileInfo.none());
    }
    if (file.getFileName().toString().endsWith(".iorrec")) {
      throw new IOException(file + ": a recording, not a profile: make one with ior -replay "
          + file + " -flamegraph -name NAME, then use NAME.ior");
    }
    if (isPprof(file)) {
      return PprofReader.read(file);
    }
    CollapsedResult r = CollapsedReader.read(file);
    for (MalformedLine m : r.malformed().subList(0, Math.min(SHOWN, r.malformed().size()))) {
      err.printf("ior: %s:%d: skipped: %s%n", file, m.lineNumber(), m.reason());
    }
    if (r.malformedCount() > SHOWN) {
      err.printf("ior: %s: %,d more malformed lines skipped%n", file, r.malformedCount() - SHOWN);
    }
    return r.profile();
  }

  /** The column to draw: the projection's count for ior profiles, else the default type. */
  int column(StackProfile p) {
    int i = p.indexOf(projection.count().id());
    return i >= 0 && p.sampleTypes().size() > 1 ? i : column(p, null);
  }

  /** {@code count} when the profile has it, else its default sample type, else the last. */
  static int column(StackProfile p, String count) {
    if (count != null) {
      int i = p.indexOf(count);
      if (i < 0) {
        throw new IllegalArgumentException("no sample type " + count + " in this profile; it has "
            + p.sampleTypes());
      }
      return i;
    }
    int d = p.defaultSampleType().isEmpty() ? -1 : p.indexOf(p.defaultSampleType());
    return d >= 0 ? d : p.sampleTypes().size() - 1;
  }

  /** What one unit is called in tooltips: samples for plain counts, else the unit. */
  static String countName(StackProfile p, int column) {
    String unit = p.sampleTypes().get(column).unit();
    if (unit.isEmpty() || unit.equals("count")) {
      return p.sampleTypes().get(column).type().equals("count") ? "calls" : "samples";
    }
    return FlameFiles.countName(unit);
  }

  private static boolean isPprof(Path file) throws IOException {
    String n = file.getFileName().toString();
    if (n.endsWith(".pb") || n.endsWith(".pb.gz") || n.endsWith(".pprof")) {
      return true;
    }
    try (InputStream in = Files.newInputStream(file)) {
      return in.read() == 0x1f && in.read() == 0x8b;
    }
  }
}
