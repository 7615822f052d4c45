// SPDX-License-Identifier: Apache-2.0
package example;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The code under test of the consumer's ior-junit tests: saves a report into its directory so
 * that a reader never sees half of it (written to a staging file first, then renamed into place).
 * Where the staging file goes is the difference: beside the report (right), or in the system's
 * temporary directory (the classic slip: it writes outside the directory it was given, and the
 * final move crosses file systems where {@code /tmp} is a tmpfs).
 */
public final class ReportStore {
  private final Path dir;
  private final boolean stageInSystemTemp;

  private ReportStore(Path dir, boolean stageInSystemTemp) {
    this.dir = dir;
    this.stageInSystemTemp = stageInSystemTemp;
  }

  /** A store that stages each report beside it, in {@code dir}: touches nothing else. */
  public static ReportStore stagingBeside(Path dir) {
    return new ReportStore(dir, false);
  }

  /** A store that stages each report in {@code java.io.tmpdir}: writes outside {@code dir}. */
  public static ReportStore stagingInSystemTemp(Path dir) {
    return new ReportStore(dir, true);
  }

  /**
   * Saves {@code text} (UTF-8) as {@code dir/name}, replacing an older report of that name.
   *
   * @return the report's path
   */
  public Path save(String name, String text) throws IOException {
    Path staging = Files.createTempFile(stageInSystemTemp ? Path.of(System.getProperty(
        "java.io.tmpdir")) : dir, name, ".part");
    try {
      Files.writeString(staging, text);
      return Files.move(staging, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(staging);
    }
  }
}
