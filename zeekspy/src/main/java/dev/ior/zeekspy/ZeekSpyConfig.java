// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy;

import dev.ior.zeekspy.dwarf.DebugFiles;
import dev.ior.zeekspy.sample.Limits;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What to sample and how, as one immutable value.
 *
 * <pre>{@code
 * ZeekSpyConfig c = ZeekSpyConfig.of(1234)
 *     .withHz(250)
 *     .withMode(ReadMode.PTRACE)
 *     .withLayoutFile(Path.of("zeek-3.2.layout"));
 * }</pre>
 *
 * @param pid the Zeek process
 * @param hz samples per second (1..10000)
 * @param mode how memory is read
 * @param layoutFile a layout to use instead of deriving one from DWARF or choosing a built-in one
 * @param limits plausibility bounds and retries
 * @param debugRoot where separate debug files are looked up by build id and debug link
 *     ({@code /usr/lib/debug})
 */
public record ZeekSpyConfig(
    long pid, int hz, ReadMode mode, Optional<Path> layoutFile, Limits limits, Path debugRoot) {
  /** zeek-spy's default rate. */
  public static final int DEFAULT_HZ = 100;

  /**
   * Checks the components.
   *
   * @param pid the Zeek process
   * @param hz samples per second (1..10000)
   * @param mode how memory is read
   * @param layoutFile a layout to use instead of deriving one from DWARF or choosing a built-in one
   * @param limits plausibility bounds and retries
   * @param debugRoot where separate debug files are looked up by build id and debug link
   *     ({@code /usr/lib/debug})
   */
  public ZeekSpyConfig {
    if (pid <= 0) {
      throw new IllegalArgumentException("pid must be > 0: " + pid);
    }
    if (hz < 1 || hz > 10_000) {
      throw new IllegalArgumentException("hz must be 1..10000: " + hz);
    }
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(layoutFile, "layoutFile");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(debugRoot, "debugRoot");
  }

  /**
   * {@return defaults for {@code pid}: 100 Hz, {@link ReadMode#READV}, layout from DWARF or built
   * in}
   *
   * @param pid process id of a running Zeek, > 0
   */
  public static ZeekSpyConfig of(long pid) {
    return new ZeekSpyConfig(pid, DEFAULT_HZ, ReadMode.READV, Optional.empty(), Limits.DEFAULT,
        DebugFiles.DEFAULT_ROOT);
  }

  /**
   * {@return a copy with another rate}
   *
   * @param rate samples per second
   */
  public ZeekSpyConfig withHz(int rate) {
    return new ZeekSpyConfig(pid, rate, mode, layoutFile, limits, debugRoot);
  }

  /**
   * {@return a copy with another read mode}
   *
   * @param m how the target's memory is read
   */
  public ZeekSpyConfig withMode(ReadMode m) {
    return new ZeekSpyConfig(pid, hz, m, layoutFile, limits, debugRoot);
  }

  /**
   * {@return a copy that uses the layout in {@code file} (null: choose by version)}
   *
   * @param file a layout file, or null
   */
  public ZeekSpyConfig withLayoutFile(Path file) {
    return new ZeekSpyConfig(pid, hz, mode, Optional.ofNullable(file), limits, debugRoot);
  }

  /**
   * {@return a copy that looks for separate debug files under {@code root} instead}
   *
   * @param root the directory to look in instead of {@code /usr/lib/debug}
   */
  public ZeekSpyConfig withDebugRoot(Path root) {
    return new ZeekSpyConfig(pid, hz, mode, layoutFile, limits, root);
  }

  /**
   * {@return a copy with other limits}
   *
   * @param l the bounds on depth, strings and retries
   */
  public ZeekSpyConfig withLimits(Limits l) {
    return new ZeekSpyConfig(pid, hz, mode, layoutFile, l, debugRoot);
  }
}
