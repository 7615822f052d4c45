// SPDX-License-Identifier: Apache-2.0
package dev.ior.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ior.core.aggregate.AggregateRow;
import dev.ior.core.aggregate.AggregatingSink;
import dev.ior.core.event.PairRecord;
import dev.ior.core.iorfile.IorData;
import dev.ior.core.iorfile.IorFileReader;
import dev.ior.core.iorfile.IorFileWriter;
import dev.ior.core.iorfile.RunFilters;
import dev.ior.core.iorfile.RunInfo;
import dev.ior.core.projection.ProfileInfo;
import dev.ior.core.projection.Projection;
import dev.ior.core.sink.PairSink;
import dev.ior.core.stats.TraceStats;
import dev.ior.core.synth.SyntheticStream;
import dev.ior.flamegraph.collapsed.CollapsedWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pairs → aggregation → .ior → re-projection: the same stacks as projecting every pair. */
class AggregateRoundTripTest {
  @TempDir Path dir;

  @Test
  void reprojectedDataFileEqualsDirectProjectionForEveryFieldOrder() throws Exception {
    List<PairRecord> pairs = new ArrayList<>();
    AggregatingSink agg = new AggregatingSink();
    SyntheticStream.warmUp(Scenario.TABLE, PairSink.tee(agg, p -> pairs.add(p.copy())), 1);
    Scenario s = new Scenario();
    s.open(7, "/data/x", 0, 3).call(7, "read", 3, 11).call(7, "read", 3, 5)
        .call(7, "close", 3, 0).call(7, "sync", 0, 0);
    s.pairs.forEach(p -> {
      pairs.add(p);
      agg.accept(p);
    });

    Path file = dir.resolve("t.ior");
    IorFileWriter.write(file, new IorData(new RunInfo("h", 1, 2, "", RunFilters.none(),
        TraceStats.EMPTY, List.of()),
        agg.table().rows()));
    List<AggregateRow> reread = IorFileReader.read(file).rows();
    assertEquals(pairs.size(), reread.stream().mapToLong(AggregateRow::count).sum());

    List<AggregateRow> onePerPair = new ArrayList<>();
    for (PairRecord p : pairs) {
      onePerPair.add(new AggregateRow(p.file() == null ? "" : p.file(), p.syscall().name(),
          p.comm(), p.pid(), p.tid(), p.flags(), 1, p.durationNs(), p.gapNs(), p.bytes()));
    }
    for (String fields : List.of("comm,path,tracepoint", "pid,path,tracepoint", "tracepoint,tid",
        "flags,comm,pid,tid,path,tracepoint")) {
      for (String count : List.of("count", "duration", "durationToPrev", "bytes")) {
        Projection proj = Projection.parse(fields, count);
        String direct = CollapsedWriter.format(proj.project(onePerPair, ProfileInfo.none()),
            proj.valueIndex());
        String viaFile = CollapsedWriter.format(proj.project(reread, ProfileInfo.none()),
            proj.valueIndex());
        assertEquals(direct, viaFile, fields + " by " + count);
      }
    }
  }
}
