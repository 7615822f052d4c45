// SPDX-License-Identifier: Apache-2.0
package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.protobuf.CodedOutputStream;
import dev.ior.bpf.TraceException;
import dev.ior.bpf.load.Preflight;
import dev.ior.core.TracePipeline;
import dev.ior.core.aggregate.AggregateRow;
import dev.ior.core.aggregate.AggregatingSink;
import dev.ior.core.event.PairRecord;
import dev.ior.core.filter.PairFilter;
import dev.ior.core.iorfile.IorData;
import dev.ior.core.iorfile.IorFileReader;
import dev.ior.core.iorfile.IorFileWriter;
import dev.ior.core.iorfile.RunFilters;
import dev.ior.core.iorfile.RunInfo;
import dev.ior.core.record.RecordFileWriter;
import dev.ior.core.synth.SyntheticStream;
import dev.ior.core.syscall.SyscallTable;
import dev.ior.core.trace.spi.ProcFs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ior used as a library, beside the host's protobuf 3.25. */
class FileIoTest {
  @Test
  void theHostKeepsItsOwnProtobuf() {
    String jar = CodedOutputStream.class.getProtectionDomain().getCodeSource().getLocation()
        .toString();
    assertTrue(jar.contains("protobuf-java-3.25"), "protobuf on the class path: " + jar);
  }

  /** A .ior file written and read with protobuf 3.25 on the class path; no root needed. */
  @Test
  void iorFileRoundTripBesideProtobuf3(@TempDir Path tmp) throws Exception {
    AggregatingSink summary = new AggregatingSink();
    TracePipeline pipeline = new TracePipeline(SyscallTable.standard(), PairFilter.NONE,
        ProcFs.EMPTY, summary);
    SyntheticStream.encode(SyscallTable.standard(), 100).feed(pipeline);
    pipeline.finish();
    List<AggregateRow> rows = summary.table().rows();
    assertFalse(rows.isEmpty());
    RunInfo run = new RunInfo("localhost", 1L, 2L, "example", RunFilters.none(),
        pipeline.stats(), List.of("synthetic"));
    Path file = tmp.resolve("run.ior");
    IorFileWriter.write(file, new IorData(run, rows));

    IorData back = IorFileReader.read(file);

    assertEquals(Set.copyOf(rows), Set.copyOf(back.rows()));
    assertEquals(run.commandLine(), back.run().commandLine());
  }

  /** A recording replayed gives the pairs the same records gave when fed directly. */
  @Test
  void replayOfARecording(@TempDir Path tmp) throws Exception {
    SyntheticStream stream = SyntheticStream.encode(SyscallTable.standard(), 50);
    Path recording = tmp.resolve("synthetic.iorrec");
    try (RecordFileWriter w = RecordFileWriter.create(recording, 0)) {
      stream.forEach(w);
    }
    List<PairRecord> direct = new java.util.ArrayList<>();
    TracePipeline pipeline = new TracePipeline(SyscallTable.standard(), PairFilter.NONE,
        ProcFs.EMPTY, p -> direct.add(p.copy()));
    stream.feed(pipeline);
    pipeline.finish();

    List<PairRecord> replayed = FileIo.replay(recording);

    assertFalse(direct.isEmpty());
    assertEquals(direct, replayed);
  }

  /**
   * A live trace of a shell (under a name of its own, so other tracing on this host does not
   * disturb it) that writes one file, then a replay of its recording and a read of its .ior.
   */
  @Test
  void liveTraceThenReplay(@TempDir Path tmp) throws Exception {
    requireBpf();
    // comm is the executable's file name: a copy of the shell gets a comm of its own.
    Path shell = Files.copy(Path.of("/bin/sh"), tmp.resolve("iorconsumer"));
    assertTrue(shell.toFile().setExecutable(true));
    Path out = tmp.resolve("out.txt");
    Path recording = tmp.resolve("run.iorrec");
    Path iorFile = tmp.resolve("run.ior");

    FileIo.Trace live = FileIo.trace("iorconsumer",
        List.of(shell.toString(), "-c", "echo hello > " + out), recording, iorFile);

    String target = out.toRealPath().toString();
    assertTrue(live.pairs().stream().anyMatch(p -> p.syscall().name().startsWith("open")
        && target.equals(p.file()) && p.ret() >= 0), "an open of " + target + " in " + live.pairs());
    assertTrue(live.pairs().stream().anyMatch(p -> p.syscall().name().equals("write")
        && target.equals(p.file()) && p.bytes() == 6), "a 6-byte write in " + live.pairs());
    List<PairRecord> replayed = FileIo.replay(recording);
    assertEquals(calls(live.pairs()), calls(replayed));
    IorData summary = IorFileReader.read(iorFile);
    assertTrue(summary.rows().stream().anyMatch(r -> r.path().equals(target)
        && r.syscall().equals("write") && r.bytes() == 6), "the write in " + summary.rows());
  }

  private static Set<String> calls(List<PairRecord> pairs) {
    return pairs.stream().map(p -> p.syscall().name() + " " + p.file() + " " + p.ret())
        .collect(Collectors.toCollection(HashSet::new));
  }

  /** Skips with the reason without root or BPF; fails instead when IOR_REQUIRE_BPF=1. */
  private static void requireBpf() {
    try {
      Preflight.check();
    } catch (TraceException e) {
      String why = "a live trace needs root and BPF: " + e.getMessage();
      if ("1".equals(System.getenv("IOR_REQUIRE_BPF"))) {
        fail(why + " (IOR_REQUIRE_BPF=1)");
      }
      System.err.println("SKIPPED: " + why);
      Assumptions.abort(why);
    }
  }
}
