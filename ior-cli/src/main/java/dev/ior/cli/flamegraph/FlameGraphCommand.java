// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.flamegraph;

import dev.ior.cli.trace.VersionProvider;
import dev.ior.core.projection.IorDataFormat;
import dev.ior.core.projection.Projection;
import dev.ior.flamegraph.collapsed.CollapsedOptions;
import dev.ior.flamegraph.html.HtmlRenderer;
import dev.ior.flamegraph.load.Input;
import dev.ior.flamegraph.load.LoadOptions;
import dev.ior.flamegraph.load.Loaded;
import dev.ior.flamegraph.load.ProfileLoader;
import dev.ior.flamegraph.pprof.PprofWriter;
import dev.ior.flamegraph.svg.Palette;
import dev.ior.flamegraph.svg.SvgOptions;
import dev.ior.flamegraph.svg.SvgRenderer;
import dev.ior.flamegraph.tree.FrameTree;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flamegraph}: a drop-in for flamegraph.pl in pipelines. Reads folded stacks (also
 * difffolded.pl's two-count lines), pprof profiles or {@code .ior} files, recognised by content,
 * from files or stdin, and writes the SVG (or an HTML page, or pprof) to stdout. flamegraph.pl's
 * options have its meaning; option names may be shortened as long as they stay unique and take
 * one or two dashes, as Getopt::Long allows.
 */
@Command(
    name = "flamegraph",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Draws a flame graph of folded stacks (frame;frame;frame COUNT per line, as"
          + " flamegraph.pl, inferno and speedscope read them), of difffolded.pl output, of"
          + " pprof profiles or of .ior data files, read from FILEs (or stdin), as an"
          + " interactive SVG on stdout.",
      "Malformed lines are reported on stderr with their line numbers and skipped."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  perf script | stackcollapse-perf.pl | flamegraph > cpu.svg",
      "  flamegraph --title 'I/O' --countname calls io.collapsed > io.svg",
      "  difffolded.pl -n before.folded after.folded | flamegraph > diff.svg",
      "  flamegraph --diff before.folded after.folded > diff.svg",
      "  flamegraph --html big.folded > big.html        canvas page for huge graphs",
      "  flamegraph --pprof io.collapsed > io.pb.gz     for go tool pprof",
      "  flamegraph cpu.pb.gz > cpu.svg                 any pprof profile"
    })
public final class FlameGraphCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", arity = "0..*",
      description = "Inputs, read one after another as one (folded stacks); - or none: stdin.")
  List<String> files = new ArrayList<>();

  @Option(names = {"--title", "-title"}, paramLabel = "TEXT",
      description = "Title (default: Flame Graph; Icicle Graph with --inverted, Flame Chart"
          + " with --flamechart).")
  String title;

  @Option(names = {"--subtitle", "-subtitle"}, paramLabel = "TEXT",
      description = "Second heading line.")
  String subtitle = "";

  @Option(names = {"--countname", "-countname"}, paramLabel = "TEXT",
      description = "What a count is called in tooltips (default: samples, or the profile's"
          + " unit).")
  String countName;

  @Option(names = {"--nametype", "-nametype"}, paramLabel = "TEXT",
      description = "Label before the name of the frame under the mouse (default: Function:).")
  String nameType = "Function:";

  @Option(names = {"--width", "-width"}, paramLabel = "PX",
      description = "Image width (default: 1200).")
  int width = 1200;

  @Option(names = {"--height", "-height"}, paramLabel = "PX",
      description = "Height of one frame (default: 16).")
  int height = 16;

  @Option(names = {"--minwidth", "-minwidth"}, paramLabel = "PX|PCT%",
      description = "Frames narrower than this are merged into grey boxes; px, or a percentage"
          + " of the total with %% (default: 0.1).")
  String minWidth = "0.1";

  @Option(names = {"--fonttype", "-fonttype"}, paramLabel = "FONT",
      description = "Font family (default: Verdana).")
  String fontType = "Verdana";

  @Option(names = {"--fontsize", "-fontsize"}, paramLabel = "PX",
      description = "Font size (default: 12).")
  double fontSize = 12;

  @Option(names = {"--colors", "--color", "-colors", "-color"}, paramLabel = "PALETTE",
      description = "hot (default), mem, io, wakeup, chain, java, js, perl, red, green, blue,"
          + " aqua, yellow, purple or orange.")
  String colors = "hot";

  @Option(names = {"--bgcolors", "-bgcolors"}, paramLabel = "COLOR",
      description = "Background as flamegraph.pl draws it: a gradient yellow, blue, green or grey,"
          + " or a flat #rrggbb (default: this renderer's light flat background).")
  String bgColors;

  @Option(names = {"--random", "-random"},
      description = "Vary each frame's colour at random within its family instead of by its"
          + " name's hash (two renderings differ).")
  boolean random;

  @Option(names = {"--cp", "-cp"},
      description = "Consistent palette: frames named in ./palette.map (NAME->COLOR per line, as"
          + " flamegraph.pl writes it) keep that colour; the colours of new names are added to it.")
  boolean consistentPalette;

  @Option(names = {"--encoding", "-encoding"}, paramLabel = "NAME",
      description = "Name this encoding in the SVG's XML declaration (the bytes stay UTF-8).")
  String encoding;

  @Option(names = {"--fontwidth", "-fontwidth"}, paramLabel = "SHARE",
      description = "Average character width as a share of the font size, for fitting labels"
          + " (default: 0.59).")
  double fontWidth = 0.59;

  @Option(names = {"--factor", "-factor"}, paramLabel = "N",
      description = "Multiply the counts in tooltips by N (e.g. samples to ms); shares and the"
          + " drawing are unchanged (default: 1).")
  double factor = 1;

  @Option(names = {"--nameattr", "-nameattr"}, paramLabel = "FILE",
      description = "Attributes per frame name from FILE, lines NAME<TAB>attr=value<TAB>...:"
          + " title (shown before the counts), id, class, g_extra, href, target, a_extra.")
  Path nameAttr;

  @Option(names = {"--hash", "-hash"},
      description = "Accepted for flamegraph.pl's scripts: colours always follow a hash of the"
          + " name here.")
  boolean hash;

  @Option(names = {"--reverse", "-reverse"},
      description = "Reverse every stack (leaf first) before merging.")
  boolean reverse;

  @Option(names = {"--inverted", "-inverted"}, description = "Icicle graph: root at the top.")
  boolean inverted;

  @Option(names = {"--flamechart", "-flamechart"},
      description = "Flame chart: stacks in input order (time), merged only with their"
          + " neighbours.")
  boolean flameChart;

  @Option(names = {"--negate", "-negate"},
      description = "Differential graphs: swap red and blue (for graphs in the shape of the"
          + " earlier profile).")
  boolean negate;

  @Option(names = {"--notes", "-notes"}, paramLabel = "TEXT",
      description = "Text kept in a comment in the SVG.")
  String notes = "";

  @Option(names = {"--total", "-total"}, paramLabel = "COUNT",
      description = "Draw against this total when it is larger than the input's (to compare"
          + " graphs).")
  long total;

  @Option(names = {"--html", "-html"},
      description = "Write an HTML page drawn on a canvas instead: for huge graphs; every frame"
          + " is kept and appears when zoomed into.")
  boolean html;

  @Option(names = {"--pprof", "-pprof"},
      description = "Write the input as a gzipped pprof profile instead (go tool pprof, Parca,"
          + " Pyroscope, speedscope).")
  boolean pprof;

  @Option(names = {"--diff", "-diff"}, arity = "2", paramLabel = "FILE",
      description = "Differential graph of BEFORE AFTER, as difffolded.pl | flamegraph.pl: the"
          + " shape of AFTER, red grew, blue shrank.")
  List<String> diff;

  @Option(names = {"--normalize", "-normalize"},
      description = "With --diff: scale BEFORE to AFTER's total first (difffolded.pl -n).")
  boolean normalize;

  @Option(names = {"--value", "-value"}, paramLabel = "TYPE",
      description = "The sample type of a pprof profile to draw (default: its default).")
  String value = "";

  @picocli.CommandLine.Mixin dev.ior.cli.InputLimitOptions inputLimits;

  private final InputStream stdin;
  private final OutputStream stdout;

  /** A command reading the process's stdin and writing its stdout. */
  public FlameGraphCommand() {
    this(new FileInputStream(FileDescriptor.in), new FileOutputStream(FileDescriptor.out));
  }

  /** A command with other standard streams (tests). */
  public FlameGraphCommand(InputStream stdin, OutputStream stdout) {
    this.stdin = stdin;
    this.stdout = stdout;
  }

  @Override
  public Integer call() {
    try {
      inputLimits.apply();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    return render(spec.commandLine().getErr());
  }

  /**
   * Renders {@code files} (stdin when empty) with every option at its default, without a
   * picocli command line: the plain {@code flamegraph FILE...} and {@code ... | flamegraph} of
   * pipelines, which then start without picocli's reflection and classes (a third of a render's
   * CPU time).
   *
   * @param files the inputs as {@link Parameters} takes them: names, {@code -} for stdin
   * @param err where warnings and errors go
   * @return the exit code, as {@link #call()} returns it
   */
  int renderPlain(List<String> files, PrintWriter err) {
    this.files.addAll(files);
    return render(err);
  }

  /** The render once the options are set: exit code 0, 1 (input unreadable) or 2 (no data). */
  private int render(PrintWriter err) {
    SvgOptions o = svgOptions();
    if (html && pprof) {
      throw new ParameterException(spec.commandLine(), "--html and --pprof: give one of them");
    }
    try {
      if (nameAttr != null) {
        o = o.withNameAttributes(NameAttributes.read(nameAttr));
      }
      PaletteMap paletteMap = consistentPalette ? PaletteMap.read(Path.of(PaletteMap.FILE))
          : null;
      if (paletteMap != null) {
        o = o.withPalette(o.palette().withFixed(paletteMap.colors()));
      }
      Loaded in;
      FrameTree tree;
      if (diff != null) {
        if (!files.isEmpty()) {
          throw new ParameterException(spec.commandLine(),
              "--diff takes its two files; give no other input");
        }
        Loaded before = load(List.of(diff.get(0)), LoadOptions.profileOnly(), err);
        in = load(List.of(diff.get(1)), LoadOptions.profileOnly(), err);
        tree = FrameTree.diff(before.profile(), before.column(), in.profile(), in.column(),
            normalize);
      } else {
        LoadOptions lo = pprof ? LoadOptions.profileOnly() : LoadOptions.treeOnly();
        in = load(files, lo.withReverse(reverse).withChart(flameChart), err);
        tree = in.tree();
      }
      int rc = write(in, tree, o, err);
      if (paletteMap != null && rc == 0 && !pprof) {
        paletteMap.addAndWrite(tree, o.palette());
      }
      return rc;
    } catch (IOException e) {
      err.println("flamegraph: " + e.getMessage());
      return 1;
    } catch (IllegalArgumentException e) {
      err.println("flamegraph: " + e.getMessage());
      return 2;
    }
  }

  private Loaded load(List<String> names, LoadOptions lo, PrintWriter err) throws IOException {
    List<Input> inputs = new ArrayList<>();
    for (String n : names.isEmpty() ? List.of("-") : names) {
      inputs.add(n.equals("-") ? Input.stream("stdin", stdin) : Input.file(Path.of(n)));
    }
    // Names are read as they are, as flamegraph.pl shows them: no unescaping of our escapes.
    ProfileLoader loader = ProfileLoader.standard().with(new IorDataFormat(Projection.defaults()));
    Loaded in = loader.load(inputs, lo.withValue(value)
        .withFolded(CollapsedOptions.defaults().withUnescape(false).withRefuseNonStacks(false)));
    in.skippedLines().forEach(l -> err.println("flamegraph: " + l));
    return in;
  }

  private int write(Loaded in, FrameTree tree, SvgOptions o, PrintWriter err)
      throws IOException {
    if (pprof) {
      PprofWriter.write(in.profile(), stdout);
      return 0;
    }
    SvgOptions opts = countName == null ? o.withCountName(in.countName()) : o;
    if (title == null && !in.title().isEmpty()) {
      opts = opts.withTitle(in.title()).withSubtitle(subtitle.isEmpty() ? in.subtitle()
          : subtitle);
    }
    if (tree.total() == 0) {
      err.println("flamegraph: no stack counts found in " + inputNames());
      if (!html) {
        SvgRenderer.renderMessage("ERROR: No valid input provided to flamegraph.", opts, stdout);
      }
      return 2;
    }
    FrameTree drawn = tree.withTotal(total);
    if (html) {
      HtmlRenderer.render(drawn, opts, stdout);
    } else {
      SvgRenderer.render(drawn, opts, stdout);
    }
    return 0;
  }

  private String inputNames() {
    List<String> names = diff != null ? diff : files;
    return names.isEmpty() ? "stdin" : String.join(", ", names);
  }

  /** flamegraph.pl's options as ours; a bad value is a usage error naming the option. */
  private SvgOptions svgOptions() {
    try {
      String t = title != null ? title
          : flameChart ? "Flame Chart" : inverted ? "Icicle Graph" : "Flame Graph";
      SvgOptions o = SvgOptions.defaults().withTitle(t).withSubtitle(subtitle)
          .withNameType(nameType).withWidth(width).withFrameHeight(height)
          .withFontSize((int) Math.round(fontSize)).withFontType(fontType)
          .withInverted(inverted).withPalette(Palette.scheme(colors)).withNegate(negate)
          .withNotes(notes).withStripAnnotations(true).withVerbatimNames(true)
          .withMinWidth(minWidthPx()).withBackground(bgColors).withEncoding(encoding)
          .withFontWidth(fontWidth).withFactor(factor);
      if (random) {
        o = o.withPalette(o.palette().withRandom());
      }
      return countName == null ? o : o.withCountName(countName);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /** px as given, or a percentage of the total: the same share of the drawable width. */
  private double minWidthPx() {
    String m = minWidth.trim();
    boolean percent = m.endsWith("%");
    double v;
    try {
      v = Double.parseDouble(percent ? m.substring(0, m.length() - 1) : m);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--minwidth expects pixels (0.1) or a percentage"
          + " (0.5%), not '" + minWidth + "'");
    }
    return percent ? v / 100 * (width - 20) : v;
  }
}
