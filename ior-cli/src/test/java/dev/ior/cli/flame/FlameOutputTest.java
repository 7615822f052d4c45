// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.flame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.core.TracePipeline;
import dev.ior.core.config.TraceConfig;
import dev.ior.core.filter.PairFilter;
import dev.ior.core.iorfile.IorData;
import dev.ior.core.iorfile.IorFileReader;
import dev.ior.core.projection.Projection;
import dev.ior.core.synth.SyntheticStream;
import dev.ior.core.syscall.SyscallTable;
import dev.ior.core.trace.spi.ProcFs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The aggregating trace output without a kernel: synthetic records in, every file out. */
class FlameOutputTest {
  @TempDir Path dir;

  @Test
  void finishWritesDataFileCollapsedSvgAndPprofWithTheRunsMetadata() throws Exception {
    Clock clock = Clock.fixed(Instant.parse("2026-11-26T07:05:00Z"), ZoneOffset.UTC);
    TraceConfig config = TraceConfig.builder().comm("postgres").build();
    String name = dir.resolve("run").toString();
    FlameOutput o = new FlameOutput(config, Projection.parse("comm,tracepoint", "bytes"), name,
        true, true, List.of(), clock, "earth", List.of("-flamegraph", "-pprof"));
    o.started();
    SyscallTable table = SyscallTable.standard();
    TracePipeline p = new TracePipeline(table, PairFilter.NONE, ProcFs.EMPTY, o.sink());
    SyntheticStream.encode(table, 1000).feed(p); // pwrite64/pread64 of 4,096 bytes each
    p.finish();
    StringWriter err = new StringWriter();
    assertEquals(0, o.finish(p.stats(), new PrintWriter(err)));

    IorData data = IorFileReader.read(Path.of(name + ".ior"));
    assertTrue(p.stats().calls().emitted() >= 6000);
    assertEquals(p.stats().calls().emitted(), data.rows().stream().mapToLong(r -> r.count()).sum());
    assertEquals("earth", data.run().host());
    assertEquals(Instant.parse("2026-11-26T07:05:00Z").getEpochSecond() * 1_000_000_000L,
        data.run().startUnixNanos());
    assertEquals("postgres", data.run().filters().comm());
    assertEquals(List.of("-flamegraph", "-pprof"), data.run().commandLine());
    assertEquals("postgres;pwrite64 2048000\npostgres;pread64 2048000\n"
        + "mysqld;pwrite64 2048000\nmysqld;pread64 2048000\n",
        Files.readString(Path.of(name + ".collapsed")));
    assertTrue(Files.size(Path.of(name + ".svg")) > 1000);
    assertTrue(Files.size(Path.of(name + ".pb.gz")) > 100);
    assertTrue(err.toString().contains("wrote " + name + ".ior ("), err.toString());
  }

  @Test
  void defaultNameIsIorHostAndStartTime() {
    assertEquals("ior-earth-20261126-070500", RunNames.traceName("earth",
        Instant.parse("2026-11-26T07:05:00Z"), ZoneOffset.UTC));
    assertEquals("/x/run", RunNames.stem(Path.of("/x/run.ior"), ".ior"));
    assertEquals("a.pb", RunNames.stem(Path.of("a.pb.gz"), ".pb.gz").concat(".pb"));
  }
}
