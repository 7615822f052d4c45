// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The real programs users read our outputs with (python3, flamegraph.pl, go): found on PATH or
 * in the shared third-party folder, and run with captured output. A missing program skips the
 * test with a printed reason, or fails it when {@code IOR_REQUIRE_TOOLS=1} (CI).
 */
public final class ExternalReaders {
  private ExternalReaders() {}

  /** What a finished program printed. */
  public record Result(int code, String out, String err) {}

  /** The python3 interpreter. */
  public static Path python3() {
    return require("python3", "reading the stream with Python's csv and json modules",
        onPath("python3"));
  }

  /**
   * Brendan Gregg's flamegraph.pl: {@code $IOR_FLAMEGRAPH_PL}, PATH, or {@code
   * third_party/FlameGraph/} of the shared folder beside the repository.
   */
  public static Path flamegraphPl() {
    List<Path> candidates = new ArrayList<>();
    String env = System.getenv("IOR_FLAMEGRAPH_PL");
    if (env != null) {
      candidates.add(Path.of(env));
    }
    candidates.add(onPath("flamegraph.pl"));
    String root = System.getenv("IOR_REPO_ROOT");
    if (root != null) {
      candidates.add(Path.of(root).resolve("../shared/third_party/FlameGraph/flamegraph.pl")
          .normalize());
    }
    candidates.add(Path.of("/work/shared/third_party/FlameGraph/flamegraph.pl"));
    return require("flamegraph.pl", "reading folded stacks as flamegraph.pl does",
        candidates.toArray(new Path[0]));
  }

  /** {@code go}, for {@code go tool pprof}. */
  public static Path go() {
    return require("go", "reading pprof with go tool pprof", onPath("go"));
  }

  /** Runs {@code command} to completion (at most 2 minutes) and returns what it printed. */
  public static Result run(List<String> command) throws IOException {
    Path out = Files.createTempFile("reader", ".out");
    Path err = Files.createTempFile("reader", ".err");
    try {
      Process p = new ProcessBuilder(command).redirectOutput(out.toFile())
          .redirectError(err.toFile()).start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail("timed out: " + command);
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + command, e);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static Path onPath(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  private static Path require(String name, String purpose, Path... candidates) {
    for (Path p : candidates) {
      if (p != null && Files.isReadable(p)) {
        return p;
      }
    }
    String reason = name + " not found (needed for " + purpose + ")";
    if ("1".equals(System.getenv("IOR_REQUIRE_TOOLS"))) {
      fail(reason + " but IOR_REQUIRE_TOOLS=1");
    }
    System.out.println("SKIPPED: " + reason + "; set IOR_REQUIRE_TOOLS=1 to make this a failure");
    Assumptions.abort(reason);
    return null;
  }
}
