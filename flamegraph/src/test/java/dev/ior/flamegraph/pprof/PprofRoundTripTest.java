// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.pprof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.flamegraph.pprof.proto.ProfileProto;
import dev.ior.flamegraph.profile.Frame;
import dev.ior.flamegraph.profile.SampleType;
import dev.ior.flamegraph.profile.StackProfile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** write then read gives the same profile; plain and foreign-shaped messages are read. */
class PprofRoundTripTest {
  @Test
  void writeThenReadGivesTheSameProfile() throws IOException {
    StackProfile p = PprofWriterTest.sample();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PprofWriter.write(p, out);
    StackProfile back = PprofReader.read(new ByteArrayInputStream(out.toByteArray()));
    assertEquals(p.sampleTypes(), back.sampleTypes());
    assertEquals(p.defaultSampleType(), back.defaultSampleType());
    assertEquals(p.samples(), back.samples());
    assertEquals(p.timeNanos(), back.timeNanos());
    assertEquals(p.durationNanos(), back.durationNanos());
    assertEquals(p.periodType(), back.periodType());
    assertEquals(p.period(), back.period());
    assertEquals(p.comments(), back.comments());
  }

  @Test
  void namesThatAreNotUtf8AreStoredEscapedAndReadBackExactly() throws IOException {
    String ff = "/tmp/r\udcff";
    String fe = "/tmp/r\udcfe";
    StackProfile p = StackProfile.builder(List.of(new SampleType("bytes", "bytes")))
        .add(List.of(Frame.of("c;\\n"), Frame.of(ff, "path")), Map.of("comm", "x\n\udc80"), 7)
        .add(List.of(Frame.of("c;\\n"), Frame.of(fe, "path")), Map.of(), 3)
        .comment("ior trace")
        .build();
    ProfileProto.Profile msg = PprofWriter.toProto(p);
    // Every string is valid UTF-8 (protobuf-java would have written '?' for a lone surrogate),
    // the two paths are two strings, and the marker comment is there.
    assertTrue(msg.getStringTableList().containsAll(List.of("/tmp/r\\xff", "/tmp/r\\xfe",
        "c;\\\\n", "x\\x0a\\x80", PprofWriter.NAMES_ESCAPED)));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PprofWriter.write(p, out);
    StackProfile back = PprofReader.read(new ByteArrayInputStream(out.toByteArray()));
    assertEquals(p.samples(), back.samples());
    assertEquals(List.of("ior trace"), back.comments());
  }

  @Test
  void foreignProfilesWithBackslashesAreNotUnescaped() throws IOException {
    ProfileProto.Profile msg = ProfileProto.Profile.newBuilder()
        .addAllStringTable(List.of("", "samples", "count", "C:\\temp\\x41"))
        .addSampleType(ProfileProto.ValueType.newBuilder().setType(1).setUnit(2))
        .addFunction(ProfileProto.Function.newBuilder().setId(1).setName(3))
        .addLocation(ProfileProto.Location.newBuilder().setId(1)
            .addLine(ProfileProto.Line.newBuilder().setFunctionId(1)))
        .addSample(ProfileProto.Sample.newBuilder().addLocationId(1).addValue(1))
        .build();
    StackProfile back = PprofReader.fromProto(msg);
    assertEquals("C:\\temp\\x41", back.samples().get(0).stack().get(0).name());
  }

  @Test
  void readsUncompressedMessages() throws IOException {
    byte[] plain = PprofWriter.toProto(PprofWriterTest.sample()).toByteArray();
    StackProfile back = PprofReader.read(new ByteArrayInputStream(plain));
    assertEquals(3000 + 500 + 100 + 9, back.total(1));
  }

  @Test
  void inlinedLinesUnsymbolizedAddressesAndNumericLabels() throws IOException {
    // Strings: 0 "", 1 samples, 2 count, 3 memcpy, 4 printf, 5 main, 6 size, 7 bytes, 8 /bin/x
    ProfileProto.Profile msg = ProfileProto.Profile.newBuilder()
        .addAllStringTable(List.of("", "samples", "count", "memcpy", "printf", "main", "size",
            "bytes", "/bin/x"))
        .addSampleType(ProfileProto.ValueType.newBuilder().setType(1).setUnit(2))
        .addMapping(ProfileProto.Mapping.newBuilder().setId(1).setFilename(8))
        .addFunction(ProfileProto.Function.newBuilder().setId(1).setName(3))
        .addFunction(ProfileProto.Function.newBuilder().setId(2).setName(4))
        .addFunction(ProfileProto.Function.newBuilder().setId(3).setName(5))
        // location 1: memcpy inlined into printf (callee first, as pprof stores it)
        .addLocation(ProfileProto.Location.newBuilder().setId(1).setMappingId(1)
            .addLine(ProfileProto.Line.newBuilder().setFunctionId(1).setLine(10))
            .addLine(ProfileProto.Line.newBuilder().setFunctionId(2).setLine(20)))
        .addLocation(ProfileProto.Location.newBuilder().setId(2).setMappingId(1)
            .addLine(ProfileProto.Line.newBuilder().setFunctionId(3).setLine(5)))
        .addLocation(ProfileProto.Location.newBuilder().setId(3).setAddress(0x4005d0))
        .addSample(ProfileProto.Sample.newBuilder().addLocationId(3).addLocationId(1)
            .addLocationId(2).addValue(4)
            .addLabel(ProfileProto.Label.newBuilder().setKey(6).setNum(4096).setNumUnit(7)))
        .build();
    StackProfile p = PprofReader.fromProto(msg);
    assertEquals(List.of(new Frame("main", "", "", 5), new Frame("printf", "", "", 20),
            new Frame("memcpy", "", "", 10), Frame.of("0x4005d0")),
        p.samples().get(0).stack());
    assertEquals(Map.of("size", "4096 bytes"), p.samples().get(0).labels());
    assertEquals(4, p.total(0));
  }

  @Test
  void garbageIsAnIoExceptionNotACrash() {
    byte[] junk = {0x1f, (byte) 0x8b, 1, 2, 3};
    assertThrows(IOException.class, () -> PprofReader.read(new ByteArrayInputStream(junk)));
    ProfileProto.Profile badIndex = ProfileProto.Profile.newBuilder().addStringTable("")
        .addSampleType(ProfileProto.ValueType.newBuilder().setType(9)).build();
    assertThrows(IOException.class, () -> PprofReader.fromProto(badIndex));
  }
}
