// SPDX-License-Identifier: Apache-2.0
package dev.ior.bpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.core.config.TraceConfig;
import dev.ior.core.event.PairRecord;
import dev.ior.core.trace.TraceStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trace of its own process ({@link TraceConfig#traceSelf()}, as ior-junit runs it): the
 * process's threads are traced, the stream's consumer thread never is. Without that a sink that
 * writes would see its own writes (and a sink writing per pair would feed itself forever).
 */
class SelfTraceEndToEndTest {
  @Test
  void theProcessIsTracedItsConsumerThreadIsNot(@TempDir Path dir) throws Exception {
    BpfRequirement.check();
    Path byTest = dir.resolve("by-test");
    Path bySink = dir.resolve("by-sink");
    int self = (int) ProcessHandle.current().pid();
    TraceConfig config = TraceConfig.builder().traceSelf(true).follow(self)
        .syscalls(List.of("openat", "write")).build();
    List<PairRecord> seen = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch sinkWrote = new CountDownLatch(1);
    try (TraceStream s = TraceStream.live(config).endWithTarget(false)) {
      s.onPair(p -> {
        if (p.file() == null || !p.file().startsWith(dir + "/")) {
          return;
        }
        seen.add(p.copy());
        if (p.file().equals(byTest.toString()) && p.syscall().name().equals("write")) {
          try {
            Files.writeString(bySink, "sink"); // on the consumer thread
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          sinkWrote.countDown();
        }
      });
      s.startAsync();
      Files.writeString(byTest, "test");
      assertTrue(sinkWrote.await(10, TimeUnit.SECONDS), "the test thread's write reached the sink"
          + " within 10 s; seen: " + seen);
      s.stop(); // drains the ring: the sink's calls, had they been traced, are in it
    }
    List<String> calls = seen.stream().map(p -> p.syscall().name() + " " + p.file())
        .collect(Collectors.toList());
    assertTrue(calls.contains("write " + byTest), calls.toString());
    assertEquals(List.of(), seen.stream().filter(p -> p.file().equals(bySink.toString()))
        .map(PairRecord::toString).collect(Collectors.toList()), "the consumer's own calls");
    assertTrue(seen.stream().allMatch(p -> p.pid() == self), calls.toString());
  }
}
