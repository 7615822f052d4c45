// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Several output files of one run, each written through {@link AtomicFile} on its own: a file
 * that fails (a full disk, a renderer error) is reported and the others are still written, so
 * one broken output never costs the rest of a trace's results.
 *
 * <pre>{@code
 * List<OutputFiles.Result> done = new OutputFiles()
 *     .add(Path.of("io.collapsed"), out -> { CollapsedWriter.write(p, 0, out); return null; })
 *     .add(Path.of("io.svg"), out -> SvgRenderer.render(tree, options, out))
 *     .writeAll();
 * for (OutputFiles.Result r : done) {
 *   System.err.println(r.ok() ? "wrote " + r.file() : r.message());
 * }
 * }</pre>
 */
public final class OutputFiles {
  private final List<Path> files = new ArrayList<>();
  private final List<AtomicFile.Body<?>> bodies = new ArrayList<>();

  /**
   * How one file went.
   *
   * @param file the file as the caller named it
   * @param value what its writer returned (null when it failed or returned nothing)
   * @param failure why it was not written, or null
   */
  public record Result(Path file, Object value, Throwable failure) {
    /** {@return whether the file was written} */
    public boolean ok() {
      return failure == null;
    }

    /**
     * {@return "cannot write FILE: reason" for a failure (a writer's own error names the file too),
     * else ""}
     */
    public String message() {
      if (failure == null) {
        return "";
      }
      String m = failure.getMessage();
      if (m != null && m.startsWith(file.toString())) {
        return "cannot write " + m;
      }
      return "cannot write " + file + ": "
          + (m == null ? failure.getClass().getSimpleName() : m);
    }
  }

  /**
   * Adds a file; files are written in the order added.
   *
   * @param <T> what the body returns
   * @param file the file to write
   * @param body writes the content
   * @return this list
   */
  public <T> OutputFiles add(Path file, AtomicFile.Body<T> body) {
    files.add(file);
    bodies.add(body);
    return this;
  }

  /**
   * Writes every file, each whatever happened to the others. I/O errors and the writers'
   * runtime errors (and a stack overflow, should a writer still recurse) are caught per file.
   *
   * @return one result per file, in the order added
   */
  public List<Result> writeAll() {
    List<Result> results = new ArrayList<>(files.size());
    for (int i = 0; i < files.size(); i++) {
      Path f = files.get(i);
      try {
        results.add(new Result(f, AtomicFile.write(f, bodies.get(i)), null));
      } catch (IOException | RuntimeException | StackOverflowError e) {
        results.add(new Result(f, null, e));
      }
    }
    return results;
  }
}
