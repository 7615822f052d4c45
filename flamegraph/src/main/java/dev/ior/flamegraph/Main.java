// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph;

import dev.ior.flamegraph.collapsed.CollapsedOptions;
import dev.ior.flamegraph.collapsed.CollapsedReader;
import dev.ior.flamegraph.collapsed.CollapsedResult;
import dev.ior.flamegraph.collapsed.CollapsedWriter;
import dev.ior.flamegraph.collapsed.LineReport;
import dev.ior.flamegraph.collapsed.MalformedLine;
import dev.ior.flamegraph.html.HtmlRenderer;
import dev.ior.flamegraph.io.AtomicFile;
import dev.ior.flamegraph.html.HtmlStats;
import dev.ior.flamegraph.pprof.PprofReader;
import dev.ior.flamegraph.pprof.PprofWriter;
import dev.ior.flamegraph.profile.StackProfile;
import dev.ior.flamegraph.svg.SvgOptions;
import dev.ior.flamegraph.svg.SvgRenderer;
import dev.ior.flamegraph.svg.SvgStats;
import dev.ior.flamegraph.tree.FrameTree;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A small stand-alone front end of the flamegraph library, for scripts and benchmarks (the
 * {@code ior} command is the real CLI). Inputs are folded files or pprof profiles (detected by
 * the gzip magic or a {@code .pb} name).
 *
 * <pre>
 * java -cp flamegraph.jar:protobuf-java.jar dev.ior.flamegraph.Main render in.collapsed out.svg
 * java ... dev.ior.flamegraph.Main render in.collapsed out.html   (canvas page, large graphs)
 * java ... dev.ior.flamegraph.Main diff [--normalize] before.collapsed after.collapsed diff.svg
 * java ... dev.ior.flamegraph.Main fold cpu.pb.gz out.collapsed
 * java ... dev.ior.flamegraph.Main pprof in.collapsed out.pb.gz
 * options: --title T --subtitle S --count-name N --width PX --min-width PX --inverted
 *          --palette kind|hot --no-legend --kind REGEX=KIND --value SAMPLE_TYPE
 * </pre>
 */
public final class Main {
  private Main() {}

  /** Runs a command; exits with 0 on success, 1 on bad input, 2 on bad usage. */
  public static void main(String[] argv) {
    System.exit(run(Arrays.asList(argv), System.err));
  }

  /** Runs a command and returns the exit code; messages go to {@code err}. */
  public static int run(List<String> argv, PrintStream err) {
    if (argv.isEmpty()) {
      err.println("usage: Main render|diff|fold|pprof [options] FILES... (see the class doc)");
      return 2;
    }
    try {
      Args a = Args.parse(argv.subList(1, argv.size()));
      switch (argv.get(0)) {
        case "render": need(a, 2); render(a, err); return 0;
        case "diff": need(a, 3); diff(a, err); return 0;
        case "fold": need(a, 2); fold(a, err); return 0;
        case "pprof": need(a, 2); pprof(a, err); return 0;
        default: throw new IllegalArgumentException("unknown command " + argv.get(0));
      }
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("error: " + e);
      return 1;
    }
  }

  private static void need(Args a, int files) {
    if (a.files.size() != files) {
      throw new IllegalArgumentException("expected " + files + " file names, got " + a.files);
    }
  }

  private static void render(Args a, PrintStream err) throws IOException {
    Path in = Path.of(a.files.get(0));
    FrameTree tree;
    SvgOptions o;
    if (isPprof(in)) {
      StackProfile p = PprofReader.read(in);
      int column = column(p, a);
      tree = FrameTree.of(p, column);
      o = a.countNameSet ? a.svg : a.svg.withCountName(countName(p, column));
    } else { // stream folded lines straight into the tree: no profile in between
      FrameTree.Builder b = FrameTree.builder();
      try (InputStream s = Files.newInputStream(in)) {
        report(in, CollapsedReader.stream(s, collapsedOptions(a), b::add), err);
      }
      tree = b.build();
      o = a.svg;
    }
    Path out = Path.of(a.files.get(1));
    if (out.getFileName().toString().endsWith(".html")) {
      HtmlStats h = write(out, stream -> HtmlRenderer.render(tree, o, stream));
      err.printf("%d frames, total %d, %d bytes%n", h.frames(), h.total(), h.bytes());
      return;
    }
    SvgStats s = write(out, stream -> SvgRenderer.render(tree, o, stream));
    err.printf("%d frames (%d merged), total %d, %d bytes%n", s.frames(), s.mergedFrames(),
        s.total(), s.bytes());
  }

  private static void diff(Args a, PrintStream err) throws IOException {
    StackProfile before = load(Path.of(a.files.get(0)), a, err);
    StackProfile after = load(Path.of(a.files.get(1)), a, err);
    FrameTree t = FrameTree.diff(before, column(before, a), after, column(after, a), a.normalize);
    SvgOptions o = a.countNameSet ? a.svg : a.svg.withCountName(countName(after, column(after, a)));
    write(Path.of(a.files.get(2)), out -> SvgRenderer.render(t, o, out));
  }

  private static void fold(Args a, PrintStream err) throws IOException {
    StackProfile p = load(Path.of(a.files.get(0)), a, err);
    write(Path.of(a.files.get(1)), out -> {
      CollapsedWriter.write(p, column(p, a), out);
      return null;
    });
  }

  private static void pprof(Args a, PrintStream err) throws IOException {
    StackProfile p = load(Path.of(a.files.get(0)), a, err);
    write(Path.of(a.files.get(1)), out -> {
      PprofWriter.write(p, out);
      return null;
    });
  }

  /** Reads a folded file or a pprof profile; malformed folded lines are reported, not fatal. */
  static StackProfile load(Path in, Args a, PrintStream err) throws IOException {
    if (isPprof(in)) {
      return PprofReader.read(in);
    }
    CollapsedResult r = CollapsedReader.read(in, collapsedOptions(a));
    report(in, new LineReport(r.lines(), r.malformedCount(), r.malformed()), err);
    return r.profile();
  }

  private static CollapsedOptions collapsedOptions(Args a) {
    return CollapsedOptions.defaults().withKindRules(a.kindRules);
  }

  private static void report(Path in, LineReport r, PrintStream err) {
    for (MalformedLine m : r.malformed()) {
      err.printf("%s:%d: skipped: %s%n", in, m.lineNumber(), m.reason());
    }
    if (r.malformedCount() > r.malformed().size()) {
      err.printf("%s: %d more malformed lines skipped%n", in,
          r.malformedCount() - r.malformed().size());
    }
  }

  private static boolean isPprof(Path in) throws IOException {
    String name = in.getFileName().toString();
    if (name.endsWith(".pb") || name.endsWith(".pb.gz") || name.endsWith(".pprof")) {
      return true;
    }
    try (InputStream s = new BufferedInputStream(Files.newInputStream(in))) {
      return s.read() == 0x1f && s.read() == 0x8b;
    }
  }

  /** The --value column, else the profile's default sample type, else the last column. */
  private static int column(StackProfile p, Args a) {
    String name = a.value.isEmpty() ? p.defaultSampleType() : a.value;
    if (name.isEmpty()) {
      return p.sampleTypes().size() - 1;
    }
    int i = p.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("no sample type " + name + " in " + p.sampleTypes());
    }
    return i;
  }

  private static String countName(StackProfile p, int column) {
    String unit = p.sampleTypes().get(column).unit();
    return unit.isEmpty() || unit.equals("count") ? "samples" : unit;
  }

  private static <T> T write(Path out, AtomicFile.Body<T> body) throws IOException {
    return AtomicFile.write(out, body);
  }

}
