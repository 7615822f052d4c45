// SPDX-License-Identifier: Apache-2.0
package dev.ior.junit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The distinct files the recorded calls touched (absolute paths, in the order first touched),
 * to assert on.
 *
 * <pre>{@code
 * io.files().under(dir).containsExactly(dir.resolve("data.bin"), dir.resolve("data.idx"));
 * }</pre>
 */
public final class IoFiles {
  private final Set<String> files;

  IoFiles(Set<String> files) {
    this.files = new LinkedHashSet<>(files);
  }

  /**
   * The files.
   *
   * @return absolute paths, immutable, in the order first touched
   */
  public List<String> list() {
    return List.copyOf(files);
  }

  /**
   * The files at or below {@code dir}.
   *
   * @param dir the directory, made absolute and normalized
   * @return those files
   */
  public IoFiles under(Path dir) {
    String root = dir.toAbsolutePath().normalize().toString();
    return new IoFiles(files.stream().filter(f -> f.equals(root) || f.startsWith(root + "/"))
        .collect(Collectors.toCollection(LinkedHashSet::new)));
  }

  /**
   * Asserts that the files are exactly {@code expected}, in any order.
   *
   * @param expected the files, made absolute
   * @return this, for chaining
   * @throws AssertionError naming the files missing and those not expected
   */
  public IoFiles containsExactly(Path... expected) {
    return containsExactly(Arrays.stream(expected).map(p -> p.toAbsolutePath().toString())
        .toArray(String[]::new));
  }

  /**
   * Asserts that the files are exactly {@code expected}, in any order.
   *
   * @param expected absolute paths
   * @return this, for chaining
   * @throws AssertionError naming the files missing and those not expected
   */
  public IoFiles containsExactly(String... expected) {
    Set<String> want = new LinkedHashSet<>(Arrays.asList(expected));
    List<String> missing = new ArrayList<>(want);
    missing.removeAll(files);
    List<String> unexpected = new ArrayList<>(files);
    unexpected.removeAll(want);
    if (!missing.isEmpty() || !unexpected.isEmpty()) {
      throw new AssertionError("files touched differ from the expected ones:"
          + (missing.isEmpty() ? "" : "\n  not touched: " + String.join(", ", missing))
          + (unexpected.isEmpty() ? "" : "\n  touched, not expected: "
              + String.join(", ", unexpected)));
    }
    return this;
  }

  /**
   * Asserts that {@code expected} are among the files.
   *
   * @param expected absolute paths
   * @return this, for chaining
   * @throws AssertionError naming the files not touched
   */
  public IoFiles contains(String... expected) {
    List<String> missing = new ArrayList<>(Arrays.asList(expected));
    missing.removeAll(files);
    if (!missing.isEmpty()) {
      throw new AssertionError("files not touched: " + String.join(", ", missing)
          + "\n  touched: " + String.join(", ", files));
    }
    return this;
  }

  @Override
  public String toString() {
    return files.toString();
  }
}
