// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.load;

import dev.ior.flamegraph.collapsed.CollapsedOptions;
import dev.ior.flamegraph.collapsed.CollapsedReader;
import dev.ior.flamegraph.collapsed.LineReport;
import dev.ior.flamegraph.collapsed.ProfileCollector;
import dev.ior.flamegraph.collapsed.StackConsumer;
import dev.ior.flamegraph.gzip.StrictGzipInputStream;
import dev.ior.flamegraph.profile.Frame;
import dev.ior.flamegraph.profile.SampleType;
import dev.ior.flamegraph.profile.StackProfile;
import dev.ior.flamegraph.tree.FrameTree;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The one way in for every front end ({@code bin/flamegraph}, {@code ior -ior}, {@code
 * -from-pprof}, {@code -diff}): reads inputs of any known format, recognised by content (gzip is
 * undone first), chooses the value column, names its unit, and builds what the caller asked
 * for, the frame tree and/or the profile. Folded stacks are streamed straight into the tree when
 * no profile is needed (the fast path of a plain render); lines with two counts make the result
 * differential, as in flamegraph.pl. Several folded inputs are read as one, in order, as
 * flamegraph.pl reads its files.
 *
 * <pre>{@code
 * Loaded in = ProfileLoader.standard()
 *     .load(List.of(Input.file(Path.of("cpu.pb.gz"))), LoadOptions.treeOnly());
 * SvgRenderer.render(in.tree(), SvgOptions.defaults().withCountName(in.countName()), out);
 * }</pre>
 */
public final class ProfileLoader {
  /** How many first bytes formats see to recognise themselves. */
  public static final int HEAD = 64;

  private static final ProfileFormat PPROF = new PprofFormat();

  private final List<ProfileFormat> formats;

  private ProfileLoader(List<ProfileFormat> formats) {
    this.formats = List.copyOf(formats);
  }

  /** {@return pprof (gzipped or not) and folded stacks (gzipped or not)} */
  public static ProfileLoader standard() {
    return new ProfileLoader(List.of(PPROF));
  }

  /**
   * {@return a loader that also knows {@code format} (tried before the others)}
   *
   * @param format the format to add
   */
  public ProfileLoader with(ProfileFormat format) {
    List<ProfileFormat> all = new ArrayList<>();
    all.add(format);
    all.addAll(formats);
    return new ProfileLoader(all);
  }

  /**
   * Reads {@code inputs} (at least one; several only when all are folded stacks).
   *
   * @param inputs the inputs, at least one
   * @param options what to build and which sample type to draw
   * @return the profile and tree, the chosen column and the folded inputs' reports
   * @throws IOException naming the input when it cannot be read or is not in its format
   * @throws IllegalArgumentException when {@link LoadOptions#value()} names no sample type of
   *     the input, or a profile input is given with others
   */
  public Loaded load(List<Input> inputs, LoadOptions options) throws IOException {
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("no input");
    }
    Folded folded = null;
    for (Input in : inputs) {
      try (BufferedInputStream s = new BufferedInputStream(in.open(), 1 << 16)) {
        InputStream body = ungzip(s, in.name());
        ProfileFormat f = detect(body);
        if (f == null) {
          folded = folded == null ? new Folded(options) : folded;
          folded.read(body, in.name());
        } else if (inputs.size() > 1) {
          throw new IllegalArgumentException(in.name() + ": a " + f.name()
              + " profile is drawn on its own, not together with other inputs");
        } else {
          return fromProfile(f.read(body, in.name()), in.name(), f.name(), options);
        }
      }
    }
    return folded.finish();
  }

  /**
   * {@return {@link #load(List, LoadOptions)} of one input}
   *
   * @param input the input
   * @param options what to build and which sample type to draw
   * @throws IOException naming the input when it cannot be read or is not in its format
   */
  public Loaded load(Input input, LoadOptions options) throws IOException {
    return load(List.of(input), options);
  }

  /** The format whose magic starts {@code s} (marked and reset), or null for folded text. */
  private ProfileFormat detect(InputStream s) throws IOException {
    byte[] head = peek(s);
    int n = head.length;
    for (ProfileFormat f : formats) {
      if (f.detect(head, n)) {
        return f;
      }
    }
    return null;
  }

  private static InputStream ungzip(BufferedInputStream s, String name) throws IOException {
    byte[] head = peek(s);
    if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
      // Strict: a damaged CRC, a wrong length or bytes after the end are refused, not ignored.
      BufferedInputStream data = new BufferedInputStream(new StrictGzipInputStream(s, true),
          1 << 16);
      if (peek(data).length == 0) { // else read as an empty profile, an empty flame graph
        throw new IOException(name + ": empty: its gzip stream holds no data");
      }
      return data;
    }
    return s;
  }

  private static byte[] peek(InputStream s) throws IOException {
    s.mark(HEAD);
    byte[] head = s.readNBytes(HEAD);
    s.reset();
    return head;
  }

  private static Loaded fromProfile(Decoded d, String source, String format, LoadOptions o) {
    StackProfile p = d.profile();
    int column = column(p, o.value(), source);
    SampleType type = p.sampleTypes().get(column);
    String countName = d.countNames().getOrDefault(type.type(), CountNames.of(type));
    FrameTree tree = null;
    if (o.tree()) {
      FrameTree.Builder b = o.chart() ? FrameTree.chartBuilder() : FrameTree.builder();
      StackConsumer sink = reversing(b::add, o.reverse());
      p.samples().forEach(s -> sink.accept(s.stack(), s.value(column)));
      tree = b.build();
    }
    return new Loaded(format, p, tree, column, type, countName, d.title(), d.subtitle(),
        List.of());
  }

  /**
   * {@return the column named {@code value}; for an empty name the profile's default sample type,
   * else its last (as pprof picks)}
   *
   * @param p the profile
   * @param value a sample type's name, or empty
   * @param source the input's name for messages
   * @throws IllegalArgumentException naming the sample types there are
   */
  public static int column(StackProfile p, String value, String source) {
    if (!value.isEmpty()) {
      int i = p.indexOf(value);
      if (i < 0) {
        List<String> names = new ArrayList<>();
        p.sampleTypes().forEach(t -> names.add(t.type()));
        throw new IllegalArgumentException(source + " has no sample type '" + value
            + "'; it has " + String.join(", ", names));
      }
      return i;
    }
    int d = p.defaultSampleType().isEmpty() ? -1 : p.indexOf(p.defaultSampleType());
    return d >= 0 ? d : p.sampleTypes().size() - 1;
  }

  /** {@code next} fed stacks leaf first instead of root first, when asked. */
  private static StackConsumer reversing(StackConsumer next, boolean reverse) {
    if (!reverse) {
      return next;
    }
    return new StackConsumer() {
      @Override
      public void accept(List<Frame> stack, long value) {
        next.accept(reversed(stack), value);
      }

      @Override
      public void accept(List<Frame> stack, long before, long after) {
        next.accept(reversed(stack), before, after);
      }
    };
  }

  private static List<Frame> reversed(List<Frame> stack) {
    List<Frame> r = new ArrayList<>(stack);
    Collections.reverse(r);
    return r;
  }

  /** Folded inputs streamed into the tree and/or a profile. */
  private static final class Folded implements StackConsumer {
    private final CollapsedOptions collapsed;
    private final FrameTree.Builder tree;
    private final ProfileCollector profile;
    private final StackConsumer sink;
    private final List<Loaded.Report> reports = new ArrayList<>();

    Folded(LoadOptions o) {
      this.collapsed = o.folded();
      this.tree = o.tree() ? (o.chart() ? FrameTree.chartBuilder() : FrameTree.builder()) : null;
      this.profile = o.profile() ? new ProfileCollector(collapsed.sampleType()) : null;
      this.sink = reversing(this, o.reverse());
    }

    void read(InputStream in, String name) throws IOException {
      LineReport r;
      try {
        r = CollapsedReader.stream(in, collapsed, sink);
      } catch (IOException e) {
        // The reader names the line; the user needs the file too.
        String m = String.valueOf(e.getMessage());
        throw m.startsWith(name) ? e : new IOException(name + ": " + m, e);
      }
      reports.add(new Loaded.Report(name, r));
    }

    @Override
    public void accept(List<Frame> stack, long value) {
      if (tree != null) {
        tree.add(stack, value);
      }
      if (profile != null) {
        profile.accept(stack, value);
      }
    }

    @Override
    public void accept(List<Frame> stack, long before, long after) {
      if (tree != null) {
        tree.add(stack, before, after);
      }
      if (profile != null) {
        profile.accept(stack, before, after);
      }
    }

    Loaded finish() {
      FrameTree t = tree == null ? null : tree.build();
      StackProfile p = profile == null ? null : profile.build();
      SampleType type = collapsed.sampleType();
      int column = p == null ? 0 : p.sampleTypes().size() - 1; // "after" when differential
      return new Loaded("folded", p, t, column, type, CountNames.of(type), "", "", reports);
    }
  }
}
