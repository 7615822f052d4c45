// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the real {@code go tool pprof} (Debian golang-go) on a profile. Without go on PATH the
 * test is skipped with a printed reason, or fails when {@code IOR_REQUIRE_TOOLS=1}.
 */
public final class GoPprofTool {
  // A sample line has one value per sample type (ours have four); location lines have one.
  private static final Pattern SAMPLE = Pattern.compile("^\\s*(\\d+(?:\\s+\\d+)+):");

  private GoPprofTool() {}

  /** {@code go tool pprof FLAGS... profile}; stdout, failing the test on a non-zero exit. */
  public static String run(Path profile, String... flags) throws IOException {
    return run(profile.toString(), flags);
  }

  /** {@code go tool pprof FLAGS... source}, where source is a file or an http:// URL. */
  public static String run(String source, String... flags) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(ExternalReaders.go().toString(), "tool", "pprof"));
    cmd.addAll(List.of(flags));
    cmd.add(source);
    Path out = Files.createTempFile("pprof", ".out");
    Path saved = Files.createTempDirectory("pprof");
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile())
          .redirectError(ProcessBuilder.Redirect.DISCARD);
      pb.environment().put("PPROF_TMPDIR", saved.toString()); // where it keeps fetched profiles
      Process p = pb.start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail("go tool pprof timed out: " + cmd);
      }
      assertEquals(0, p.exitValue(), "go tool pprof failed: " + cmd);
      return Files.readString(out, StandardCharsets.UTF_8);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    } finally {
      Files.deleteIfExists(out);
      try (var files = Files.list(saved)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(saved);
    }
  }

  /** Column sums of the samples in {@code go tool pprof -raw}, in sample-type order. */
  public static long[] rawTotals(Path profile) throws IOException {
    return rawTotals(profile.toString());
  }

  /** Column sums of {@code go tool pprof -raw source} (a file or an http:// URL). */
  public static long[] rawTotals(String source) throws IOException {
    long[] sums = null;
    for (String line : run(source, "-raw").split("\n")) {
      Matcher m = SAMPLE.matcher(line);
      if (m.find()) {
        String[] v = m.group(1).trim().split("\\s+");
        if (sums == null) {
          sums = new long[v.length];
        }
        for (int i = 0; i < v.length; i++) {
          sums[i] += Long.parseLong(v[i]);
        }
      }
    }
    return sums == null ? new long[0] : sums;
  }
}
