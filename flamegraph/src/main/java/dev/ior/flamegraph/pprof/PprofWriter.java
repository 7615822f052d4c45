// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.pprof;

import dev.ior.flamegraph.intern.Interner;
import dev.ior.flamegraph.pprof.proto.ProfileProto;
import dev.ior.flamegraph.profile.Frame;
import dev.ior.flamegraph.profile.Sample;
import dev.ior.flamegraph.profile.SampleType;
import dev.ior.flamegraph.profile.StackProfile;
import dev.ior.flamegraph.text.NameEscaper;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a {@link StackProfile} as a gzipped pprof {@code profile.proto}, readable by {@code go
 * tool pprof}, Pyroscope, Parca and our own {@link PprofReader}.
 *
 * <p>Mapping of the model: every sample type becomes a {@code ValueType} (type and unit), the
 * default sample type is set when the profile names one, stacks are written leaf first (pprof's
 * order; the model stores root first), labels become string labels sorted by key. Functions are
 * keyed by (name, file, start line 0) and locations by (function, frame kind, line), so a
 * function appears once however many stacks hold it. A frame's kind is kept in a virtual mapping
 * named {@code [kind]} (as pprof itself names {@code [vdso]}), marked as fully symbolized so that
 * no tool tries to look up a binary for it; mapping 1 is left unnamed because pprof shows the
 * first mapping as the profile's main binary.
 *
 * <p>pprof strings must be valid UTF-8, names need not be: function names, file names and labels
 * are written escaped by {@link NameEscaper} ({@code \xff} for a byte that is not UTF-8, {@code
 * \\} for a backslash). When that changed any string, the comment {@link #NAMES_ESCAPED} says
 * so, and {@link PprofReader} then reverses the escapes; profiles without it are read as they
 * are, so other tools' backslashes (Windows paths) survive.
 *
 * <pre>{@code
 * try (OutputStream out = Files.newOutputStream(Path.of("io.pb.gz"))) {
 *   PprofWriter.write(profile, out);
 * }
 * // go tool pprof -top io.pb.gz
 * }</pre>
 */
public final class PprofWriter {
  /** The comment that marks a profile whose names are escaped ({@link NameEscaper}). */
  public static final String NAMES_ESCAPED = "names are escaped: \\xNN is a byte that is not"
      + " UTF-8 or a control character, \\\\ a backslash";

  private PprofWriter() {}

  /**
   * Writes {@code profile} gzipped to {@code out}. The gzip stream is finished and {@code out}
   * flushed, but not closed: the caller owns it.
   *
   * @param profile the profile
   * @param out the stream to write to
   * @throws IOException when {@code out} fails
   */
  public static void write(StackProfile profile, OutputStream out) throws IOException {
    GZIPOutputStream gzip = new GZIPOutputStream(out, 1 << 16);
    toProto(profile).writeTo(gzip);
    gzip.finish();
    out.flush();
  }

  /**
   * Builds the (uncompressed) protobuf message for {@code profile}.
   *
   * @param profile the profile
   * @return the message, string 0 being ""
   */
  public static ProfileProto.Profile toProto(StackProfile profile) {
    return new Encoder().encode(profile);
  }

  /** Per-call state: the string, function, location and mapping tables being filled. */
  private static final class Encoder {
    private final Interner<String> strings = new Interner<>(0);
    private final Interner<FunctionKey> functions = new Interner<>(1);
    private final Interner<LocationKey> locations = new Interner<>(1);
    // Id 1 is an unnamed "main binary" mapping: pprof prints mapping 1's file as the profile's
    // "File:" header, which must not read "[syscall]". Kind mappings start at id 2.
    private final Interner<String> mappings = new Interner<>(2);
    // Frames repeat in every stack that holds them; most producers share Frame instances, so
    // this cache answers nearly every lookup without building function and location keys.
    private final Map<Frame, Integer> locationOfFrame = new HashMap<>();
    private final ProfileProto.Profile.Builder out = ProfileProto.Profile.newBuilder();
    private boolean escaped;

    Encoder() {
      strings.index(""); // pprof requires string_table[0] == ""
    }

    ProfileProto.Profile encode(StackProfile profile) {
      for (SampleType t : profile.sampleTypes()) {
        out.addSampleType(valueType(t));
      }
      if (!profile.defaultSampleType().isEmpty()) {
        out.setDefaultSampleType(strings.index(profile.defaultSampleType()));
      }
      out.setTimeNanos(profile.timeNanos()).setDurationNanos(profile.durationNanos());
      if (profile.periodType() != null) {
        out.setPeriodType(valueType(profile.periodType())).setPeriod(profile.period());
      }
      for (String comment : profile.comments()) {
        out.addComment(strings.index(comment));
      }
      for (Sample s : profile.samples()) {
        out.addSample(sample(s, profile.sampleTypes().size()));
      }
      addTables();
      return out.build();
    }

    private ProfileProto.ValueType valueType(SampleType t) {
      return ProfileProto.ValueType.newBuilder()
          .setType(strings.index(t.type()))
          .setUnit(strings.index(t.unit()))
          .build();
    }

    private ProfileProto.Sample sample(Sample s, int types) {
      ProfileProto.Sample.Builder b = ProfileProto.Sample.newBuilder();
      List<Frame> stack = s.stack();
      for (int i = stack.size() - 1; i >= 0; i--) { // leaf first
        b.addLocationId(location(stack.get(i)));
      }
      for (int i = 0; i < types; i++) {
        b.addValue(s.value(i));
      }
      if (s.labels().isEmpty()) {
        return b.build();
      }
      // Map.copyOf iterates in an unspecified order: sort for byte-stable output.
      for (Map.Entry<String, String> e : new TreeMap<>(s.labels()).entrySet()) {
        b.addLabel(ProfileProto.Label.newBuilder()
            .setKey(strings.index(name(e.getKey())))
            .setStr(strings.index(name(e.getValue()))));
      }
      return b.build();
    }

    private long location(Frame f) {
      Integer known = locationOfFrame.get(f);
      if (known != null) {
        return known;
      }
      int function = functions.index(new FunctionKey(f.name(), f.file()));
      int mapping = f.kind().isEmpty() ? 0 : mappings.index(f.kind());
      int location = locations.index(new LocationKey(function, mapping, f.line()));
      locationOfFrame.put(f, location);
      return location;
    }

    private void addTables() {
      List<String> kinds = mappings.keys();
      if (!kinds.isEmpty()) {
        out.addMapping(ProfileProto.Mapping.newBuilder().setId(1).setHasFunctions(true));
      }
      for (int i = 0; i < kinds.size(); i++) {
        out.addMapping(ProfileProto.Mapping.newBuilder()
            .setId(i + 2L)
            .setFilename(strings.index("[" + kinds.get(i) + "]"))
            .setHasFunctions(true)
            .setHasFilenames(true)
            .setHasLineNumbers(true));
      }
      List<FunctionKey> fs = functions.keys();
      for (int i = 0; i < fs.size(); i++) {
        int name = strings.index(name(fs.get(i).name()));
        out.addFunction(ProfileProto.Function.newBuilder()
            .setId(i + 1L)
            .setName(name)
            .setSystemName(name)
            .setFilename(strings.index(name(fs.get(i).file()))));
      }
      List<LocationKey> ls = locations.keys();
      for (int i = 0; i < ls.size(); i++) {
        LocationKey l = ls.get(i);
        out.addLocation(ProfileProto.Location.newBuilder()
            .setId(i + 1L)
            .setMappingId(l.mapping())
            .addLine(ProfileProto.Line.newBuilder().setFunctionId(l.function()).setLine(l.line())));
      }
      if (escaped) {
        out.addComment(strings.index(NAMES_ESCAPED));
      }
      out.addAllStringTable(new ArrayList<>(strings.keys()));
    }

    /** {@code s} as pprof can hold it: escaped, noting that the profile needs unescaping. */
    private String name(String s) {
      String e = NameEscaper.TEXT.escape(s);
      escaped |= e != s;
      return e;
    }
  }

  private record FunctionKey(String name, String file) {}

  private record LocationKey(int function, int mapping, long line) {}
}
