// SPDX-License-Identifier: Apache-2.0
package dev.ior.testing;

import static org.junit.jupiter.api.Assertions.fail;

import com.github.luben.zstd.ZstdInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates the shared real-world fixtures (kept outside the repository, in {@code
 * ../shared/testdata}) and opens them decompressed.
 */
public final class TestData {
  /** The ior run on host "earth" projected as pid;path;tracepoint, counted. */
  public static final String EARTH = "ior-earth-pid-path-tracepoint-by-count.collapsed.zst";

  private TestData() {}

  /** The fixture's path; skips the test (fails under IOR_REQUIRE_TOOLS=1) when it is absent. */
  public static Path require(String name) {
    return find("testdata", "IOR_TESTDATA_DIR", name);
  }

  /**
   * A reference tool kept beside the repository, e.g. {@code FlameGraph/flamegraph.pl} in
   * {@code ../shared/third_party} (or {@code $IOR_THIRD_PARTY_DIR}); skips the test (fails
   * under IOR_REQUIRE_TOOLS=1) when it is absent.
   */
  public static Path thirdParty(String relative) {
    return find("third_party", "IOR_THIRD_PARTY_DIR", relative);
  }

  private static Path find(String sharedDir, String env, String name) {
    List<Path> candidates = new ArrayList<>();
    String dir = System.getenv(env);
    if (dir != null) {
      candidates.add(Path.of(dir, name));
    }
    String root = System.getenv("IOR_REPO_ROOT");
    if (root != null) {
      candidates.add(Path.of(root).resolve("../shared").resolve(sharedDir).resolve(name)
          .normalize());
    }
    candidates.add(Path.of("/work/shared", sharedDir, name));
    for (Path p : candidates) {
      if (Files.isReadable(p)) {
        return p;
      }
    }
    String reason = "skipped: " + name + " not found in " + candidates + " (set " + env + ")";
    if ("1".equals(System.getenv("IOR_REQUIRE_TOOLS"))) {
      fail(reason);
    }
    System.out.println(reason);
    Assumptions.abort(reason);
    return null; // unreachable
  }

  /** Opens a fixture, decompressing {@code .zst}. */
  public static InputStream open(Path p) throws IOException {
    InputStream in = Files.newInputStream(p);
    return p.toString().endsWith(".zst") ? new ZstdInputStream(in) : in;
  }

  /** The fixture decompressed into a temporary file (for external tools and the benchmark). */
  public static Path decompressed(String name, Path dir) throws IOException {
    Path out = dir.resolve(name.replace(".zst", ""));
    try (InputStream in = open(require(name))) {
      Files.copy(in, out);
    }
    return out;
  }
}
