// SPDX-License-Identifier: Apache-2.0
package example;

import dev.ior.core.aggregate.AggregatingSink;
import dev.ior.core.config.TraceConfig;
import dev.ior.core.event.PairRecord;
import dev.ior.core.iorfile.IorData;
import dev.ior.core.iorfile.IorFileWriter;
import dev.ior.core.iorfile.RunFilters;
import dev.ior.core.iorfile.RunInfo;
import dev.ior.core.record.RecordFileWriter;
import dev.ior.core.stats.TraceStats;
import dev.ior.core.trace.TraceStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * What a JVM tool does with ior: trace a command's file I/O live (recording the raw records as it
 * goes and keeping a {@code .ior} summary), then replay the recording later, without root.
 *
 * <pre>
 * sudo java -cp ... example.FileIo /tmp/run.iorrec /tmp/run.ior sh -c 'echo hi &gt; /tmp/x'
 * </pre>
 */
public final class FileIo {
  private FileIo() {}

  /**
   * What a live trace saw.
   *
   * @param pairs every paired call of the command, copied out of the reused views
   * @param stats the run's counters, final
   */
  public record Trace(List<PairRecord> pairs, TraceStats stats) {}

  /**
   * Runs {@code command} and traces the file I/O of every process whose comm contains
   * {@code comm} (filtered in the kernel), recording the raw records to {@code recording} and the
   * aggregated run to {@code iorFile}. Needs root (or CAP_BPF + CAP_PERFMON) and Linux 6.2+
   * with BTF.
   */
  public static Trace trace(String comm, List<String> command, Path recording, Path iorFile)
      throws Exception {
    TraceConfig config = TraceConfig.builder().comm(comm).build();
    List<PairRecord> pairs = new ArrayList<>();
    AggregatingSink summary = new AggregatingSink();
    TraceStats stats;
    int attached;
    long startEpochNs;
    try (TraceStream trace = TraceStream.live(config)) {
      try (RecordFileWriter recorder = RecordFileWriter.create(recording, trace.epochOffsetNs())) {
        trace.onPair(pair -> {
          pairs.add(pair.copy()); // the pair is a view reused for the next call: keep a copy
          summary.accept(pair);
        }).onRecord(recorder).onWarning(System.err::println);
        trace.startAsync();
        startEpochNs = ChronoUnit.NANOS.between(Instant.EPOCH, Instant.now());
        Process p = new ProcessBuilder(command).inheritIO().start();
        int exit = p.waitFor();
        if (exit != 0) {
          throw new IOException(command + " exited with " + exit);
        }
        trace.stop(); // drains the ring: every call of the command has been handed over
      }
      stats = trace.stats();
      attached = trace.attached().size();
    }
    RunInfo run = new RunInfo("localhost", startEpochNs, stats.durationNs(), "example",
        RunFilters.of(config, attached), stats, command);
    IorFileWriter.write(iorFile, new IorData(run, summary.table().rows()));
    return new Trace(pairs, stats);
  }

  /** Replays a recording through the same pipeline the live trace used; needs no privileges. */
  public static List<PairRecord> replay(Path recording) throws Exception {
    List<PairRecord> pairs = new ArrayList<>();
    try (TraceStream replay = TraceStream.openFile(recording, TraceConfig.builder().build())) {
      replay.onPair(pair -> pairs.add(pair.copy()));
      replay.start(); // runs to the recording's end, then ends the calls still open there
    }
    return pairs;
  }

  /** {@code FileIo RECORDING IOR_FILE COMMAND...}: traces the command, then replays it. */
  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: FileIo RECORDING IOR_FILE COMMAND...");
      System.exit(2);
    }
    List<String> command = List.of(args).subList(2, args.length);
    String comm = Path.of(command.get(0)).getFileName().toString();
    Trace live = trace(comm, command, Path.of(args[0]), Path.of(args[1]));
    live.pairs().forEach(System.out::println);
    System.out.println("live: " + live.pairs().size() + " pairs; replayed: "
        + replay(Path.of(args[0])).size() + " pairs");
  }
}
