// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.flame;

import dev.ior.flamegraph.collapsed.CollapsedWriter;
import dev.ior.flamegraph.io.AtomicFile;
import dev.ior.flamegraph.io.OutputFiles;
import dev.ior.flamegraph.pprof.PprofWriter;
import dev.ior.flamegraph.profile.StackProfile;
import dev.ior.flamegraph.svg.SvgOptions;
import dev.ior.flamegraph.svg.SvgRenderer;
import dev.ior.flamegraph.svg.SvgStats;
import dev.ior.flamegraph.tree.FrameTree;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes the files of one profile: folded stacks, the SVG (ours or an external tool's) and
 * gzipped pprof, each on its own through {@link OutputFiles} (a file that fails is named and
 * the others are still written), with one status line per file on stderr.
 *
 * <pre>{@code
 * int rc = new FlameFiles(err).write(profile, column, "calls", svgOptions, settings);
 * }</pre>
 */
final class FlameFiles {
  private final PrintWriter err;

  FlameFiles(PrintWriter err) {
    this.err = err;
  }

  /**
   * Writes what {@code s} asks for from column {@code column} of {@code p}.
   *
   * @param countName what one unit of the column is called in messages
   * @return 0, or 1 when a file or the external tool failed
   */
  int write(StackProfile p, int column, String countName, SvgOptions svg, RenderSettings s) {
    Path collapsed = Path.of(s.base() + ".collapsed");
    Path svgFile = Path.of(s.base() + ".svg");
    Path pb = Path.of(s.base() + ".pb.gz");
    OutputFiles files = new OutputFiles();
    if (s.flameGraph()) {
      files.add(collapsed, out -> {
        CollapsedWriter.write(p, column, out);
        return null;
      });
      if (s.tool().isEmpty()) {
        files.add(svgFile, out -> SvgRenderer.render(FrameTree.of(p, column), svg, out));
      }
    }
    if (s.pprof()) {
      files.add(pb, out -> {
        PprofWriter.write(p, out);
        return null;
      });
    }
    int rc = 0;
    for (OutputFiles.Result r : files.writeAll()) {
      if (!r.ok()) {
        err.println("ior: " + r.message());
        rc = 1;
      } else if (r.file().equals(collapsed)) {
        long stacks = p.samples().stream().filter(x -> x.value(column) != 0).count();
        err.printf(Locale.ROOT, "ior: wrote %s (%,d stacks, total %,d %s)%n", collapsed, stacks,
            p.total(column), countName);
      } else if (r.file().equals(svgFile)) {
        SvgStats st = (SvgStats) r.value();
        err.printf(Locale.ROOT, "ior: wrote %s (%,d frames, %,d bytes)%n", svgFile,
            st.frames(), st.bytes());
      } else {
        err.printf(Locale.ROOT, "ior: wrote %s (pprof; go tool pprof -top %s)%n", pb, pb);
      }
    }
    if (s.flameGraph() && !s.tool().isEmpty()) {
      rc = Math.max(rc, runTool(s.tool(), collapsed, svgFile));
    }
    err.flush();
    return rc;
  }

  /** Runs {@code tool... collapsed} with stdout into the SVG, as ior's -flamegraphTool does. */
  private int runTool(List<String> tool, Path collapsed, Path svg) {
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
    } catch (IOException e) {
      err.println("ior: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    } finally {
      p.destroy();
    }
  }
}
