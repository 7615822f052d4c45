// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.flame;

import dev.ior.flamegraph.io.AtomicFile;
import dev.ior.flamegraph.collapsed.CollapsedWriter;
import dev.ior.flamegraph.pprof.PprofWriter;
import dev.ior.flamegraph.profile.StackProfile;
import dev.ior.flamegraph.svg.SvgOptions;
import dev.ior.flamegraph.svg.SvgRenderer;
import dev.ior.flamegraph.svg.SvgStats;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes the files of one profile: folded stacks, the SVG (ours or an external tool's) and
 * gzipped pprof, each via a temporary name, with one status line per file on stderr.
 *
 * <pre>{@code
 * new FlameFiles(err).write(profile, column, svgOptions, settings);
 * }</pre>
 */
final class FlameFiles {
  private final PrintWriter err;

  FlameFiles(PrintWriter err) {
    this.err = err;
  }

  /** Writes what {@code s} asks for; returns 0, or 1 when the external tool failed. */
  int write(StackProfile p, int column, SvgOptions svg, RenderSettings s) throws IOException {
    int rc = 0;
    if (s.flameGraph()) {
      Path collapsed = Path.of(s.base() + ".collapsed");
      AtomicFile.write(collapsed, out -> {
        CollapsedWriter.write(p, column, out);
        return null;
      });
      long stacks = p.samples().stream().filter(x -> x.value(column) != 0).count();
      err.printf(Locale.ROOT, "ior: wrote %s (%,d stacks, total %,d %s)%n", collapsed, stacks,
          p.total(column), countName(p.sampleTypes().get(column).unit()));
      Path svgFile = Path.of(s.base() + ".svg");
      if (s.tool().isEmpty()) {
        SvgStats st = AtomicFile.write(svgFile, out -> SvgRenderer.render(p, column, svg, out));
        err.printf(Locale.ROOT, "ior: wrote %s (%,d frames, %,d bytes)%n", svgFile, st.frames(),
            st.bytes());
      } else {
        rc = runTool(s.tool(), collapsed, svgFile);
      }
    }
    if (s.pprof()) {
      Path pb = Path.of(s.base() + ".pb.gz");
      AtomicFile.write(pb, out -> {
        PprofWriter.write(p, out);
        return null;
      });
      err.printf(Locale.ROOT, "ior: wrote %s (pprof; go tool pprof -top %s)%n", pb, pb);
    }
    err.flush();
    return rc;
  }

  /** Runs {@code tool... collapsed} with stdout into the SVG, as ior's -flamegraphTool does. */
  private int runTool(List<String> tool, Path collapsed, Path svg) throws IOException {
    List<String> cmd = new ArrayList<>(tool);
    cmd.add(collapsed.toString());
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectError(Redirect.INHERIT).start();
    } catch (IOException e) {
      err.printf("ior: cannot run -flamegraphTool %s: %s%n", String.join(" ", tool),
          e.getMessage());
      return 1;
    }
    try (AtomicFile.Output out = AtomicFile.open(svg)) {
      p.getOutputStream().close();
      p.getInputStream().transferTo(out.stream());
      int code = p.waitFor();
      if (code != 0) {
        err.printf("ior: %s exited with %d; %s not written%n", String.join(" ", cmd), code, svg);
        return 1;
      }
      out.commit();
      err.printf(Locale.ROOT, "ior: wrote %s (by %s)%n", svg, String.join(" ", tool));
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    } finally {
      p.destroy();
    }
  }

  /** What one unit of {@code count}'s unit is called in tooltips. */
  static String countName(String unit) {
    switch (unit) {
      case "count":
        return "calls";
      case "nanoseconds":
        return "ns";
      default:
        return unit;
    }
  }
}
