// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.pprof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.flamegraph.pprof.proto.ProfileProto;
import dev.ior.flamegraph.profile.Frame;
import dev.ior.flamegraph.profile.SampleType;
import dev.ior.flamegraph.profile.StackProfile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The content of the protobuf message: tables, ids, order, metadata. */
class PprofWriterTest {
  static StackProfile sample() {
    return StackProfile.builder(List.of(
            new SampleType("count", "count"), new SampleType("duration", "nanoseconds")))
        .defaultSampleType("duration")
        .timeNanos(1_700_000_000_123_000_000L)
        .durationNanos(5_000_000_000L)
        .period(new SampleType("io", "count"), 1)
        .comment("host=earth")
        .add(List.of(Frame.of("bash", "process"), Frame.of("/etc", "path"),
            Frame.of("read", "syscall")), Map.of("tid", "43", "pid", "42"), 3, 3000)
        .add(List.of(Frame.of("bash", "process"), Frame.of("/etc", "path"),
            Frame.of("openat", "syscall")), Map.of("pid", "42"), 1, 500)
        .add(List.of(Frame.of("cat", "process"), Frame.of("read", "syscall")), Map.of(), 7, 100)
        .add(List.of(new Frame("Conn::log", "function", "conn/main.zeek", 212)), Map.of(), 1, 9)
        .build();
  }

  @Test
  void tablesFollowThePprofRules() {
    ProfileProto.Profile p = PprofWriter.toProto(sample());
    List<String> s = p.getStringTableList();
    assertEquals("", s.get(0));
    assertEquals(s.size(), new HashSet<>(s).size(), "strings are interned once");
    Set<Long> fnIds = new HashSet<>();
    for (ProfileProto.Function f : p.getFunctionList()) {
      assertTrue(f.getId() > 0);
      assertTrue(fnIds.add(f.getId()));
    }
    // bash, /etc, read, openat, cat, Conn::log: "read" under two processes is one function.
    assertEquals(6, p.getFunctionCount());
    assertEquals(6, p.getLocationCount());
    p.getLocationList().forEach(l -> assertTrue(l.getId() > 0));
    assertEquals("duration", s.get((int) p.getDefaultSampleType()));
    assertEquals(1_700_000_000_123_000_000L, p.getTimeNanos());
    assertEquals(5_000_000_000L, p.getDurationNanos());
    assertEquals("io", s.get((int) p.getPeriodType().getType()));
    assertEquals("host=earth", s.get((int) p.getComment(0)));
  }

  @Test
  void stacksAreLeafFirstAndLabelsSortedStrings() {
    ProfileProto.Profile p = PprofWriter.toProto(sample());
    List<String> s = p.getStringTableList();
    ProfileProto.Sample first = p.getSample(0);
    assertEquals(List.of("read", "/etc", "bash"), names(p, first));
    assertEquals(List.of(3L, 3000L), first.getValueList());
    assertEquals("pid", s.get((int) first.getLabel(0).getKey()));
    assertEquals("42", s.get((int) first.getLabel(0).getStr()));
    assertEquals("tid", s.get((int) first.getLabel(1).getKey()));
    ProfileProto.Location zeek = p.getLocation(5);
    assertEquals(212, zeek.getLine(0).getLine());
    ProfileProto.Function fn = p.getFunction((int) zeek.getLine(0).getFunctionId() - 1);
    assertEquals("conn/main.zeek", s.get((int) fn.getFilename()));
  }

  @Test
  void kindsBecomeNamedMappingsAfterAnUnnamedMainMapping() {
    ProfileProto.Profile p = PprofWriter.toProto(sample());
    List<String> s = p.getStringTableList();
    assertEquals("", s.get((int) p.getMapping(0).getFilename()));
    // Interned in the order the leaf-first stacks meet them.
    assertEquals(List.of("[syscall]", "[path]", "[process]", "[function]"),
        p.getMappingList().subList(1, 5).stream().map(m -> s.get((int) m.getFilename())).toList());
    p.getMappingList().forEach(m -> assertTrue(m.getHasFunctions()));
  }

  @Test
  void outputIsGzippedAndByteStable() throws IOException {
    ByteArrayOutputStream a = new ByteArrayOutputStream();
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    PprofWriter.write(sample(), a);
    PprofWriter.write(sample(), b);
    assertEquals(0x1f, a.toByteArray()[0] & 0xff);
    assertEquals(0x8b, a.toByteArray()[1] & 0xff);
    assertEquals(List.of(a.toByteArray().length), List.of(b.toByteArray().length));
    assertTrue(java.util.Arrays.equals(a.toByteArray(), b.toByteArray()));
  }

  static List<String> names(ProfileProto.Profile p, ProfileProto.Sample sample) {
    List<String> s = p.getStringTableList();
    return sample.getLocationIdList().stream().map(id -> {
      ProfileProto.Location l = p.getLocation((int) (long) id - 1);
      ProfileProto.Function f = p.getFunction((int) l.getLine(0).getFunctionId() - 1);
      return s.get((int) f.getName());
    }).toList();
  }
}
