// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Builds the Zeek stand-in programs of {@code testdata/zeekspy} with g++ (once per variant and
 * source change) into {@code zeekspy/target/fixtures}.
 *
 * <pre>{@code
 * Path exe = Fixtures.build(Fixtures.Variant.ZEEK30);
 * }</pre>
 */
public final class Fixtures {
  /** The fixture builds tests use. {@code {out}} in a post-build step is the executable. */
  public enum Variant {
    /** Zeek 3.0 layout, plain global names. */
    ZEEK30("zeek_fixture.cc", List.of("g++", "-O1", "-rdynamic", "-DZEEK_LAYOUT=30")),
    /** Zeek 3.1 layout, names in zeek::detail (mangled). */
    ZEEK31_NAMESPACED("zeek_fixture.cc", List.of("g++", "-O1", "-rdynamic", "-DZEEK_LAYOUT=31",
        "-DZEEK_NAMESPACED")),
    /** Zeek 3.0 layout, not exported and stripped: no symbols at all. */
    STRIPPED("zeek_fixture.cc", List.of("g++", "-O1", "-s", "-DZEEK_LAYOUT=30")),
    /** A 32-bit x86 program (wrong architecture). */
    I386("i386_sleeper.c", List.of("gcc", "-m32", "-nostdlib", "-static", "-O1")),
    /** ZEEK30 with DWARF in the executable. */
    ZEEK30_DWARF("zeek_fixture.cc", List.of("g++", "-g", "-O1", "-rdynamic", "-DZEEK_LAYOUT=30")),
    /** Zeek 3.0's version and names, members in another order: only its DWARF describes it. */
    ZEEK30_REORDERED_DWARF("zeek_fixture.cc", List.of("g++", "-g", "-O1", "-rdynamic",
        "-DZEEK_LAYOUT=30", "-DZEEK_REORDER")),
    /** Zeek 4 names (zeek::Func, zeek::detail::...), version 4.0.0: no built-in layout. */
    ZEEK40_DWARF("zeek_fixture.cc", List.of("g++", "-g", "-O1", "-rdynamic", "-DZEEK_LAYOUT=40")),
    /** ZEEK30 built by clang with libc++ (short strings inside the object). */
    ZEEK30_LIBCXX_DWARF("zeek_fixture.cc", List.of("clang++", "-stdlib=libc++", "-g", "-O1",
        "-rdynamic", "-DZEEK_LAYOUT=30")),
    /** ZEEK30 with its DWARF moved to {@code zeek.debug} next to it, named by .gnu_debuglink. */
    ZEEK30_DEBUGLINK("zeek_fixture.cc", List.of("g++", "-g", "-O1", "-rdynamic",
        "-DZEEK_LAYOUT=30", "-Wl,--build-id"),
        List.of("objcopy", "--only-keep-debug", "{out}", "{out}.debug"),
        List.of("objcopy", "--strip-debug", "--add-gnu-debuglink={out}.debug", "{out}")),
    /** ZEEK30 with its DWARF in a split-DWARF object ({@code -gsplit-dwarf}). */
    ZEEK30_SPLIT_DWARF("zeek_fixture.cc", List.of("g++", "-g", "-gsplit-dwarf", "-O1",
        "-rdynamic", "-DZEEK_LAYOUT=30"));

    final String source;
    final List<String> command;
    final List<List<String>> after;

    @SafeVarargs
    Variant(String source, List<String> command, List<String>... after) {
      this.source = source;
      this.command = command;
      this.after = List.of(after);
    }
  }

  private static final Map<Variant, Path> BUILT = new HashMap<>();

  private Fixtures() {}

  /** The repository root (surefire sets IOR_REPO_ROOT; otherwise the module's parent). */
  public static Path repoRoot() {
    String env = System.getenv("IOR_REPO_ROOT");
    if (env != null && Files.isDirectory(Path.of(env, "testdata"))) {
      return Path.of(env);
    }
    Path dir = Path.of("").toAbsolutePath();
    return Files.isDirectory(dir.resolve("testdata")) ? dir : dir.getParent();
  }

  /** Builds {@code v} unless an up-to-date binary exists; skips the test when g++ is missing. */
  public static synchronized Path build(Variant v) {
    Path done = BUILT.get(v);
    if (done != null) {
      return done;
    }
    Path src = repoRoot().resolve("testdata/zeekspy").resolve(v.source);
    Path out = repoRoot().resolve("zeekspy/target/fixtures").resolve(v.name().toLowerCase())
        .resolve(v == Variant.I386 ? "i386_sleeper" : "zeek");
    try {
      if (!Files.exists(out)
          || Files.getLastModifiedTime(out).compareTo(Files.getLastModifiedTime(src)) < 0) {
        compile(v, src, out);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot build fixture " + v + ": " + e, e);
    }
    BUILT.put(v, out);
    return out;
  }

  private static void compile(Variant v, Path src, Path out) throws IOException {
    Files.createDirectories(out.getParent());
    List<String> cmd = new ArrayList<>(v.command);
    cmd.addAll(List.of("-o", out.toString(), src.toString()));
    run(v, cmd, out.getParent());
    for (List<String> step : v.after) {
      List<String> c = new ArrayList<>();
      step.forEach(a -> c.add(a.replace("{out}", out.toString())));
      run(v, c, out.getParent());
    }
  }

  private static void run(Variant v, List<String> cmd, Path dir) throws IOException {
    Process p;
    try {
      // In the output's directory: split DWARF names its .dwo relative to where it was built.
      p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      Gate.toolMissing(cmd.get(0) + " is not installed: " + e.getMessage());
      throw e;
    }
    try {
      String log = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        if (v == Variant.I386) {
          Gate.toolMissing("cannot build a 32-bit program here: " + log.strip());
        }
        if (v == Variant.ZEEK30_LIBCXX_DWARF && log.contains("file not found")) {
          Gate.toolMissing("libc++ is not installed (Debian: libc++-dev libc++abi-dev): "
              + log.strip());
        }
        throw new IllegalStateException("fixture build failed: " + cmd + "\n" + log);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
