// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ior.core.aggregate.AggregateRow;
import dev.ior.flamegraph.collapsed.CollapsedWriter;
import dev.ior.flamegraph.profile.Frame;
import dev.ior.flamegraph.profile.Sample;
import dev.ior.flamegraph.profile.StackProfile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ior's -fields/-count projection: frames, order, kinds, values, labels, errors. */
class ProjectionTest {
  static final List<AggregateRow> ROWS = List.of(
      new AggregateRow("/var/lib/db/t1", "pread64", "postgres", 10, 11, 02, 3, 3000, 300, 24576),
      new AggregateRow("/var/lib/db/t1", "openat", "postgres", 10, 11, 02000002, 1, 5000, 10, 0),
      new AggregateRow("/var/lib/db/t2", "pread64", "postgres", 10, 12, 0, 2, 1500, 20, 16384),
      new AggregateRow("/etc/hosts", "openat", "curl", 20, 20, 02000000, 1, 7000, 0, 0),
      new AggregateRow("", "sync", "curl", 20, 20, 0, 1, 900, 50, 0),
      new AggregateRow("rel/x;y\nz", "write", "curl", 20, 21, 01101, 4, 400, 40, 4));

  @Test
  void defaultProjectionMatchesTheGoldenCollapsedFile() throws IOException {
    golden(Projection.defaults(), "comm-path-tracepoint-by-count.collapsed");
  }

  @Test
  void userOrderSubsetAndCountMatchTheGoldenCollapsedFile() throws IOException {
    golden(Projection.parse("pid,path,tracepoint", "duration"),
        "pid-path-tracepoint-by-duration.collapsed");
    golden(Projection.parse("tracepoint,flags,tid", "bytes"),
        "tracepoint-flags-tid-by-bytes.collapsed");
  }

  private static void golden(Projection p, String name) throws IOException {
    String actual = CollapsedWriter.format(p.project(ROWS, ProfileInfo.none()), p.valueIndex());
    Path file = Path.of("src/test/resources/dev/ior/core/projection", name);
    if ("1".equals(System.getenv("IOR_UPDATE_GOLDEN"))) {
      Files.writeString(file, actual);
    }
    try (InputStream in = ProjectionTest.class.getResourceAsStream(name)) {
      assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), actual,
          "golden " + name + " changed; review, then rerun with IOR_UPDATE_GOLDEN=1");
    }
  }

  @Test
  void stackFieldIsOneFramePerFunctionRootFirstAndNoStackWhenNoneWasTaken() {
    List<AggregateRow> rows = List.of(
        new AggregateRow("/log", "write", "app", 1, 1, 0, 3, 300, 0, 30, "app", "",
            "main;flush_log;write_all;write"),
        new AggregateRow("/log", "write", "app", 1, 1, 0, 2, 200, 0, 20, "app", "", ""));
    StackProfile p = Projection.parse("stack,tracepoint", "duration").project(rows,
        ProfileInfo.none());
    List<String> folded = new ArrayList<>();
    p.samples().forEach(s -> folded.add(String.join(";",
        s.stack().stream().map(Frame::name).toList()) + " " + s.value(1)));
    assertEquals(List.of("main;flush_log;write_all;write;write 300", "[no stack];write 200"),
        folded);
    assertEquals("stack", p.samples().get(0).stack().get(0).kind());
  }

  @Test
  void pathsSplitPerDirectoryWithoutAnEmptyLeadingFrame() {
    assertEquals(List.of(Frame.of("/var", "path"), Frame.of("/lib", "path"),
        Frame.of("/x", "path")), Projection.pathFrames("/var/lib/x"));
    assertEquals(List.of(Frame.of("/", "path")), Projection.pathFrames("/"));
    assertEquals(List.of(Frame.of("rel", "path"), Frame.of("/y", "path")),
        Projection.pathFrames("rel/y"));
    assertEquals(List.of(Frame.of("[unknown]", "path")), Projection.pathFrames(""));
  }

  @Test
  void allCountsAreSampleTypesWithUnitsAndTheChosenOneIsTheDefault() {
    StackProfile p = Projection.parse("tracepoint", "durationToPrev")
        .project(ROWS, ProfileInfo.none());
    assertEquals("[SampleType[type=count, unit=count], SampleType[type=duration, unit=nanoseconds],"
        + " SampleType[type=durationToPrev, unit=nanoseconds], SampleType[type=bytes, unit=bytes]]",
        p.sampleTypes().toString());
    assertEquals("durationToPrev", p.defaultSampleType());
    assertEquals(12, p.total(0));
    assertEquals(17800, p.total(1));
    assertEquals(420, p.total(2));
    assertEquals(40964, p.total(3));
    assertEquals("syscall", p.samples().get(0).stack().get(0).kind());
  }

  @Test
  void labelsCarryPidTidCommWhereTheyAreNotFrames() {
    StackProfile p = Projection.parse("comm,tracepoint", "count")
        .project(ROWS.subList(0, 1), new ProfileInfo(5, 6, List.of("host x"), true));
    Sample s = p.samples().get(0);
    assertEquals(Map.of("pid", "10", "tid", "11", "thread", "postgres"), s.labels());
    assertEquals(List.of(Frame.of("postgres", "process"), Frame.of("pread64", "syscall")),
        s.stack());
    assertEquals(5, p.timeNanos());
    assertEquals(6, p.durationNanos());
    assertEquals(List.of("host x"), p.comments());
  }

  @Test
  void cgroupsAreLevelsAndContainersOneFrameOrLabels() {
    String docker = "/system.slice/docker-"
        + "3f2a1b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7a8.scope";
    List<AggregateRow> rows = List.of(
        new AggregateRow("/data/x", "write", "app", 1, 1, 0, 2, 20, 0, 8, "app", docker),
        new AggregateRow("/data/y", "write", "app", 2, 2, 0, 1, 10, 0, 4, "app", "/my/group"),
        new AggregateRow("/data/y", "write", "old", 3, 3, 0, 1, 10, 0, 4));
    Projection p = Projection.parse("container,cgroup,comm", "count");
    assertEquals(String.join("\n",
            "docker:3f2a1b4c5d6e;/system.slice;/" + docker.substring(14) + ";app 2",
            "/my/group;/my;/group;app 1",
            "[unknown];[unknown];old 1", ""),
        CollapsedWriter.format(p.project(rows, ProfileInfo.none()), p.valueIndex()));
    List<Frame> stack = p.project(rows, ProfileInfo.none()).samples().get(0).stack();
    assertEquals(List.of("container", "cgroup", "cgroup", "process"),
        stack.stream().map(Frame::kind).collect(java.util.stream.Collectors.toList()));
    StackProfile labelled = Projection.parse("comm", "count")
        .project(rows, new ProfileInfo(0, 0, List.of(), true));
    assertEquals(Map.of("pid", "1", "tid", "1", "thread", "app", "cgroup", docker,
        "container", "docker:3f2a1b4c5d6e"), labelled.samples().get(0).labels());
    assertEquals(Map.of("pid", "3", "tid", "3", "thread", "old"),
        labelled.samples().get(2).labels(),
        "no cgroup, no cgroup labels");
  }

  @Test
  void unknownFieldOrCountListsTheValidOnes() {
    IllegalArgumentException f = assertThrows(IllegalArgumentException.class,
        () -> Projection.parse("pid,file", "count"));
    assertEquals("unknown field 'file': valid fields are path, comm, thread, tracepoint, pid, tid,"
        + " flags, cgroup, container, stack", f.getMessage());
    IllegalArgumentException c = assertThrows(IllegalArgumentException.class,
        () -> Projection.parse("pid", "latency"));
    assertEquals("unknown count 'latency': valid counts are count, duration, durationToPrev,"
        + " bytes", c.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Projection.parse("pid,pid", "count"));
  }

  @Test
  void openFlagsAreReadable() {
    assertEquals("O_RDONLY", OpenFlags.format(0));
    assertEquals("O_RDONLY|O_CLOEXEC", OpenFlags.format(02000000));
    assertEquals("O_WRONLY|O_CREAT|O_TRUNC", OpenFlags.format(01101));
    assertEquals("O_RDWR|O_DIRECTORY|0x40000000", OpenFlags.format(0200002 | 0x40000000));
    assertEquals("O_RDONLY|O_SYNC|O_DSYNC".length(), OpenFlags.format(04010000).length());
    assertEquals("[unknown flags]", OpenFlags.format(-1));
  }
}
