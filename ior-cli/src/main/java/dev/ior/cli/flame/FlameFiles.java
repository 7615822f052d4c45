// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.flame;

import dev.ior.cli.UserFiles;
import dev.ior.flamegraph.collapsed.CollapsedWriter;
import dev.ior.flamegraph.pprof.PprofWriter;
import dev.ior.flamegraph.profile.StackProfile;
import dev.ior.flamegraph.svg.SvgOptions;
import dev.ior.flamegraph.svg.SvgRenderer;
import dev.ior.flamegraph.svg.SvgStats;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
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

  /**
   * Writes what {@code s} asks for; returns 0, or 1 when a file could not be written (it is
   * named, and the others are still written) or the external tool failed.
   */
  int write(StackProfile p, int column, SvgOptions svg, RenderSettings s) {
    int rc = 0;
    if (s.flameGraph()) {
      Path collapsed = Path.of(s.base() + ".collapsed");
      boolean haveCollapsed = attempt(collapsed, () -> {
        AtomicFiles.write(collapsed, out -> {
          CollapsedWriter.write(p, column, out);
          return null;
        });
        long stacks = p.samples().stream().filter(x -> x.value(column) != 0).count();
        err.printf(Locale.ROOT, "ior: wrote %s (%,d stacks, total %,d %s)%n", collapsed, stacks,
            p.total(column), countName(p.sampleTypes().get(column).unit()));
      });
      rc = haveCollapsed ? 0 : 1;
      Path svgFile = Path.of(s.base() + ".svg");
      if (s.tool().isEmpty()) {
        rc |= attempt(svgFile, () -> {
          SvgStats st = AtomicFiles.write(svgFile, out -> SvgRenderer.render(p, column, svg, out));
          err.printf(Locale.ROOT, "ior: wrote %s (%,d frames, %,d bytes)%n", svgFile,
              st.frames(), st.bytes());
        }) ? 0 : 1;
      } else if (haveCollapsed) {
        int[] code = {0};
        rc |= attempt(svgFile, () -> code[0] = runTool(s.tool(), collapsed, svgFile)) ? code[0]
            : 1;
      } else {
        err.printf("ior: %s not written: %s reads %s%n", svgFile, s.tool().get(0), collapsed);
      }
    }
    if (s.pprof()) {
      Path pb = Path.of(s.base() + ".pb.gz");
      rc |= attempt(pb, () -> {
        AtomicFiles.write(pb, out -> {
          PprofWriter.write(p, out);
          return null;
        });
        err.printf(Locale.ROOT, "ior: wrote %s (pprof; go tool pprof -top %s)%n", pb, pb);
      }) ? 0 : 1;
    }
    err.flush();
    return rc;
  }

  /** What writes one file. */
  private interface FileWrite {
    void run() throws IOException;
  }

  /** Runs {@code write}; on failure names {@code file} and the reason, and returns false. */
  private boolean attempt(Path file, FileWrite write) {
    try {
      write.run();
      return true;
    } catch (IOException e) {
      err.println("ior: cannot write " + UserFiles.describe(file, e));
      return false;
    }
  }

  /** Runs {@code tool... collapsed} with stdout into the SVG, as ior's -flamegraphTool does. */
  private int runTool(List<String> tool, Path collapsed, Path svg) throws IOException {
    Path tmp = svg.toAbsolutePath().getParent()
        .resolve("." + svg.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    List<String> cmd = new ArrayList<>(tool);
    cmd.add(collapsed.toString());
    try {
      Process p = new ProcessBuilder(cmd).redirectOutput(tmp.toFile())
          .redirectError(Redirect.INHERIT).start();
      int code = p.waitFor();
      if (code != 0) {
        err.printf("ior: %s exited with %d; %s not written%n", String.join(" ", cmd), code, svg);
        return 1;
      }
      Files.move(tmp, svg, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      err.printf(Locale.ROOT, "ior: wrote %s (by %s)%n", svg, String.join(" ", tool));
      return 0;
    } catch (IOException e) {
      err.printf("ior: cannot run -flamegraphTool %s: %s%n", String.join(" ", tool),
          UserFiles.reason(e));
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    } finally {
      Files.deleteIfExists(tmp);
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
