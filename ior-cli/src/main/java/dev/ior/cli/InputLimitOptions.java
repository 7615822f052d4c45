// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli;

import dev.ior.flamegraph.io.InputLimits;
import picocli.CommandLine.Option;

/**
 * {@code -max-input-rows} and {@code -max-input-ratio}: the one place where a user raises the
 * caps every reader of untrusted files applies ({@link InputLimits}); the readers' refusals name
 * these flags. Mixed into every command that reads files ({@code ior}, {@code ior collapsed},
 * {@code flamegraph}).
 *
 * <p>The readers live in libraries that take no flags, so the values reach them as the JVM's
 * {@link InputLimits#ROWS_PROPERTY} and {@link InputLimits#RATIO_PROPERTY}, set here before
 * anything is read (a library user sets the same properties).
 */
public final class InputLimitOptions {
  @Option(names = {"-max-input-rows", "--max-input-rows"}, paramLabel = "N",
      description = "Read .ior files of up to N rows into memory (default: 4,000,000, about"
          + " 1 GiB of heap; the JVM's heap must hold them).")
  Long maxRows;

  @Option(names = {"-max-input-ratio", "--max-input-ratio"}, paramLabel = "N",
      description = "Refuse gzip input that expands more than N times its size (default: 200;"
          + " a decompression bomb expands about 1000 times).")
  Long maxRatio;

  /**
   * Makes the given caps the readers' caps.
   *
   * @throws IllegalArgumentException for a value below 1
   */
  public void apply() {
    if (maxRows != null) {
      InputLimits.check("-max-input-rows", maxRows);
      System.setProperty(InputLimits.ROWS_PROPERTY, Long.toString(maxRows));
    }
    if (maxRatio != null) {
      InputLimits.check("-max-input-ratio", maxRatio);
      System.setProperty(InputLimits.RATIO_PROPERTY, Long.toString(maxRatio));
    }
  }
}
