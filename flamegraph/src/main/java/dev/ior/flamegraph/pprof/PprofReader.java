// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.pprof;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.ior.flamegraph.gzip.StrictGzipInputStream;
import dev.ior.flamegraph.pprof.proto.ProfileProto;
import dev.ior.flamegraph.profile.Frame;
import dev.ior.flamegraph.profile.SampleType;
import dev.ior.flamegraph.profile.StackProfile;
import dev.ior.flamegraph.text.NameEscaper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * Reads a pprof {@code profile.proto}, gzipped or plain, into a {@link StackProfile}, so that any
 * tool's profile can be drawn by our flame graph renderer.
 *
 * <p>Stacks come out root first. A location with inlined functions yields one frame per line
 * (callers above callees); a location without symbols yields a frame named by its address
 * ({@code 0x4005d0}). A location whose mapping is named {@code [kind]} gives its frames that kind
 * (our writer stores frame kinds that way); other frames have no kind. String labels are kept;
 * numeric labels become strings with their unit ({@code 4096 bytes}); a key with several values
 * keeps them joined by commas. When the profile carries our writer's {@link
 * PprofWriter#NAMES_ESCAPED} comment, function names, file names and labels are unescaped ({@link
 * NameEscaper#unescape}) and that comment is dropped, so names come back exactly.
 *
 * <pre>{@code
 * StackProfile p = PprofReader.read(Path.of("cpu.pb.gz"));
 * long total = p.total(p.sampleTypes().size() - 1);
 * }</pre>
 */
public final class PprofReader {
  private PprofReader() {}

  /**
   * Reads the file at {@code path}.
   *
   * @param path a pprof file, gzipped or not
   * @return the profile with every sample type
   * @throws IOException when the file cannot be opened (the {@link
   *     java.nio.file.FileSystemException} as thrown), or is no profile or a damaged one (the
   *     message starts with the path and says what is wrong)
   */
  public static StackProfile read(Path path) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      try {
        return read(in);
      } catch (java.nio.file.FileSystemException e) {
        throw e;
      } catch (IOException e) {
        throw new IOException(path + ": " + e.getMessage(), e);
      }
    }
  }

  /**
   * Reads a profile from {@code in}, which is not closed; gzip is detected by its magic bytes and
   * checked strictly (CRC-32, length, nothing after the data).
   *
   * @param in the bytes of a pprof file, gzipped or not
   * @return the profile with every sample type
   * @throws IOException when reading fails or the bytes are not a profile, a damaged one, or one
   *     whose values add up past the range of a long; the message says which in plain words
   */
  public static StackProfile read(InputStream in) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
    buffered.mark(2);
    int b0 = buffered.read();
    int b1 = buffered.read();
    buffered.reset();
    if (b0 != 0x1f || b1 != 0x8b) {
      return fromProto(parse(buffered));
    }
    // Closing the gzip reader frees its inflater and leaves the caller's stream open.
    try (InputStream gz = new BufferedInputStream(new StrictGzipInputStream(buffered, true))) {
      gz.mark(1);
      if (gz.read() < 0) {
        throw new IOException("empty: its gzip stream holds no data");
      }
      gz.reset();
      return fromProto(parse(gz));
    }
  }

  private static ProfileProto.Profile parse(InputStream body) throws IOException {
    try {
      return ProfileProto.Profile.parseFrom(body);
    } catch (InvalidProtocolBufferException e) {
      // protobuf wraps the stream's own errors (damaged gzip, cut file): report those as such.
      if (e.getCause() instanceof IOException && !(e.getCause() instanceof
          InvalidProtocolBufferException)) {
        throw (IOException) e.getCause();
      }
      throw new IOException("not a pprof profile, or a damaged one: its protobuf data cannot be"
          + " decoded", e);
    }
  }

  /**
   * Converts a parsed message.
   *
   * @param p the parsed {@code profile.proto} message
   * @return the profile with every sample type
   * @throws IOException when it refers to strings, functions or locations it does not have, or
   *     its values add up past the range of a long
   */
  public static StackProfile fromProto(ProfileProto.Profile p) throws IOException {
    try {
      return new Decoder(p).decode();
    } catch (IllegalArgumentException e) { // bad string index or sample type in the input
      throw new IOException("malformed pprof profile: " + e.getMessage(), e);
    } catch (ArithmeticException e) {
      throw new IOException("malformed pprof profile: its values add up past the range of a"
          + " 64-bit number", e);
    }
  }

  /** Per-call state: resolved functions and locations of one profile. */
  private static final class Decoder {
    private final ProfileProto.Profile p;
    private final Map<Long, ProfileProto.Function> functions = new HashMap<>();
    private final Map<Long, String> mappingKinds = new HashMap<>();
    private final Map<Long, List<Frame>> locations = new HashMap<>();
    private final boolean escaped;
    // Per column, the sums of the positive and of the negative values: when both fit in a long,
    // every sum a writer or renderer forms from these samples fits too.
    private long[] positive;
    private long[] negative;

    Decoder(ProfileProto.Profile p) {
      this.p = p;
      this.escaped = p.getCommentList().stream()
          .anyMatch(c -> c >= 0 && c < p.getStringTableCount()
              && PprofWriter.NAMES_ESCAPED.equals(p.getStringTable((int) (long) c)));
    }

    StackProfile decode() throws IOException {
      if (p.getSampleTypeCount() == 0) {
        throw new IOException("not a pprof profile: no sample types");
      }
      for (ProfileProto.Function f : p.getFunctionList()) {
        functions.put(f.getId(), f);
      }
      for (ProfileProto.Mapping m : p.getMappingList()) {
        String name = str(m.getFilename());
        if (name.length() > 2 && name.startsWith("[") && name.endsWith("]")) {
          mappingKinds.put(m.getId(), name.substring(1, name.length() - 1));
        }
      }
      for (ProfileProto.Location l : p.getLocationList()) {
        locations.put(l.getId(), frames(l));
      }
      StackProfile.Builder b = StackProfile.builder(sampleTypes());
      metadata(b);
      for (ProfileProto.Sample s : p.getSampleList()) {
        b.add(stack(s), labels(s), values(s));
      }
      return b.build();
    }

    private List<SampleType> sampleTypes() {
      List<SampleType> types = new ArrayList<>();
      for (ProfileProto.ValueType t : p.getSampleTypeList()) {
        types.add(valueType(t));
      }
      return types;
    }

    private SampleType valueType(ProfileProto.ValueType t) {
      String type = str(t.getType());
      return new SampleType(type.isEmpty() ? "value" : type, str(t.getUnit()));
    }

    private void metadata(StackProfile.Builder b) throws IOException {
      String def = str(p.getDefaultSampleType());
      if (!def.isEmpty()) {
        b.defaultSampleType(def);
      }
      b.timeNanos(p.getTimeNanos()).durationNanos(p.getDurationNanos());
      if (p.hasPeriodType()) {
        b.period(valueType(p.getPeriodType()), p.getPeriod());
      }
      for (long c : p.getCommentList()) {
        if (!escaped || !PprofWriter.NAMES_ESCAPED.equals(str(c))) {
          b.comment(str(c));
        }
      }
    }

    /** Frames of one location, root-most first (pprof lists inlined lines callee first). */
    private List<Frame> frames(ProfileProto.Location l) throws IOException {
      String kind = mappingKinds.getOrDefault(l.getMappingId(), "");
      if (l.getLineCount() == 0) {
        return List.of(Frame.of("0x" + Long.toHexString(l.getAddress()), kind));
      }
      List<Frame> frames = new ArrayList<>(l.getLineCount());
      for (int i = l.getLineCount() - 1; i >= 0; i--) {
        ProfileProto.Line line = l.getLine(i);
        ProfileProto.Function f = functions.get(line.getFunctionId());
        if (f == null) {
          throw new IOException("location " + l.getId() + " names unknown function "
              + line.getFunctionId());
        }
        String name = str(f.getName()).isEmpty() ? str(f.getSystemName()) : str(f.getName());
        frames.add(new Frame(name(name), kind, name(str(f.getFilename())),
            Math.max(0, line.getLine())));
      }
      return frames;
    }

    private List<Frame> stack(ProfileProto.Sample s) throws IOException {
      List<Frame> stack = new ArrayList<>();
      for (int i = s.getLocationIdCount() - 1; i >= 0; i--) { // pprof stores the leaf first
        List<Frame> frames = locations.get(s.getLocationId(i));
        if (frames == null) {
          throw new IOException("sample names unknown location " + s.getLocationId(i));
        }
        stack.addAll(frames);
      }
      return stack;
    }

    private Map<String, String> labels(ProfileProto.Sample s) {
      if (s.getLabelCount() == 0) {
        return Collections.emptyMap();
      }
      Map<String, String> labels = new TreeMap<>();
      for (ProfileProto.Label l : s.getLabelList()) {
        String value = l.getStr() != 0 || l.getNum() == 0 ? name(str(l.getStr())) : numeric(l);
        labels.merge(name(str(l.getKey())), value, (a, c) -> a + "," + c);
      }
      return labels;
    }

    private String numeric(ProfileProto.Label l) {
      String unit = str(l.getNumUnit());
      return unit.isEmpty() ? Long.toString(l.getNum()) : l.getNum() + " " + unit;
    }

    private long[] values(ProfileProto.Sample s) throws IOException {
      if (s.getValueCount() != p.getSampleTypeCount()) {
        throw new IOException("sample has " + s.getValueCount() + " values, profile has "
            + p.getSampleTypeCount() + " sample types");
      }
      if (positive == null) {
        positive = new long[s.getValueCount()];
        negative = new long[s.getValueCount()];
      }
      long[] values = new long[s.getValueCount()];
      for (int i = 0; i < values.length; i++) {
        values[i] = s.getValue(i);
        if (values[i] >= 0) {
          positive[i] = Math.addExact(positive[i], values[i]);
        } else {
          negative[i] = Math.addExact(negative[i], values[i]);
        }
      }
      return values;
    }

    /** A name as written: unescaped when our writer escaped the profile's names. */
    private String name(String s) {
      return escaped ? NameEscaper.unescape(s) : s;
    }

    private String str(long index) {
      if (index < 0 || index >= p.getStringTableCount()) {
        throw new IllegalArgumentException("string index " + index + " outside the table of "
            + p.getStringTableCount());
      }
      return p.getStringTable((int) index);
    }
  }
}
