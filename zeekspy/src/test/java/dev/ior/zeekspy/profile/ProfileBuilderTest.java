// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.flamegraph.pprof.PprofReader;
import dev.ior.flamegraph.pprof.PprofWriter;
import dev.ior.flamegraph.pprof.proto.ProfileProto;
import dev.ior.flamegraph.profile.Frame;
import dev.ior.flamegraph.profile.Sample;
import dev.ior.flamegraph.profile.StackProfile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Aggregation into a StackProfile and what the shared pprof writer makes of it. */
class ProfileBuilderTest {
  private static final Frame EVENT = new Frame("http_request", "zeek", "event.bif.zeek", 610);
  private static final Frame BODY = new Frame("http_request", "zeek", "http/main.zeek", 231);
  private static final Frame SET_STATE =
      new Frame("HTTP::set_state", "zeek", "http/main.zeek", 197);
  private static final Frame SET_STATE_OTHER_LINE =
      new Frame("HTTP::set_state", "zeek", "http/main.zeek", 199);
  private static final Frame BIF = new Frame("Log::__write", "bif", "", 0);

  private StackProfile profile() {
    ProfileBuilder b = new ProfileBuilder(100);
    List<Frame> reused = new ArrayList<>(List.of(EVENT, BODY, SET_STATE));
    b.stack(reused);
    b.stack(reused);
    reused.set(2, SET_STATE_OTHER_LINE);
    b.stack(reused);
    b.stack(List.of(EVENT, BODY, SET_STATE, BIF));
    b.empty();
    return b.build(1_700_000_000_000_000_000L, 2_000_000_000L, List.of("zeekspy: test"));
  }

  @Test
  void aggregatesStacksWithSamplesAndTime() {
    StackProfile p = profile();
    assertEquals(List.of("samples", "cpu"),
        p.sampleTypes().stream().map(t -> t.type()).toList());
    assertEquals("nanoseconds", p.sampleTypes().get(1).unit());
    assertEquals("cpu", p.defaultSampleType());
    assertEquals(10_000_000L, p.period());
    assertEquals(5, p.total(0));
    assertEquals(50_000_000L, p.total(1));
    Sample twice = p.samples().stream()
        .filter(s -> s.stack().equals(List.of(EVENT, BODY, SET_STATE))).findFirst().orElseThrow();
    assertEquals(2, twice.value(0));
    assertEquals(20_000_000L, twice.value(1));
    assertTrue(p.samples().stream()
        .anyMatch(s -> s.stack().equals(List.of(ProfileBuilder.EMPTY_STACK))));
    assertEquals(List.of("zeekspy: test"), p.comments());
  }

  @Test
  void outputOrderDoesNotDependOnArrivalOrder() {
    ProfileBuilder a = new ProfileBuilder(100);
    ProfileBuilder b = new ProfileBuilder(100);
    a.stack(List.of(EVENT, BODY));
    a.stack(List.of(SET_STATE));
    b.stack(List.of(SET_STATE));
    b.stack(List.of(EVENT, BODY));
    assertEquals(a.build(0, 0, List.of()).samples(), b.build(0, 0, List.of()).samples());
  }

  @Test
  void pprofTablesHaveIdsStringsAndLeafFirstStacks() throws Exception {
    ProfileProto.Profile pb = PprofWriter.toProto(profile());
    assertEquals("", pb.getStringTable(0));
    Set<Long> functionIds = new HashSet<>();
    for (ProfileProto.Function f : pb.getFunctionList()) {
      assertNotEquals(0, f.getId());
      assertTrue(functionIds.add(f.getId()));
    }
    // One function per (name, file): the declaration and the body of http_request differ;
    // with set_state, the BIF and (empty_call_stack) that makes five.
    assertEquals(5, pb.getFunctionCount());
    // Locations are (function, line): set_state at 197 and at 199 are two locations.
    assertEquals(6, pb.getLocationCount());
    ProfileProto.Sample deepest = pb.getSampleList().stream()
        .filter(s -> s.getLocationIdCount() == 4).findFirst().orElseThrow();
    assertEquals("Log::__write", functionName(pb, deepest.getLocationId(0)));
    assertEquals("http_request", functionName(pb, deepest.getLocationId(3)));
    assertEquals("event.bif.zeek", fileName(pb, deepest.getLocationId(3)));
  }

  @Test
  void gzippedFileReadsBackToTheSameProfile() throws Exception {
    StackProfile p = profile();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PprofWriter.write(p, out);
    StackProfile back = PprofReader.read(new ByteArrayInputStream(out.toByteArray()));
    assertEquals(p.total(0), back.total(0));
    assertEquals(p.total(1), back.total(1));
    assertEquals(new HashSet<>(p.samples()), new HashSet<>(back.samples()));
  }

  private static String functionName(ProfileProto.Profile pb, long locationId) {
    return pb.getStringTable((int) function(pb, locationId).getName());
  }

  private static String fileName(ProfileProto.Profile pb, long locationId) {
    return pb.getStringTable((int) function(pb, locationId).getFilename());
  }

  private static ProfileProto.Function function(ProfileProto.Profile pb, long locationId) {
    ProfileProto.Location loc = pb.getLocationList().stream()
        .filter(l -> l.getId() == locationId).findFirst().orElseThrow();
    long fid = loc.getLine(0).getFunctionId();
    return pb.getFunctionList().stream().filter(f -> f.getId() == fid).findFirst().orElseThrow();
  }
}
