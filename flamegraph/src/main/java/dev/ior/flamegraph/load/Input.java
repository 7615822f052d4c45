// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.load;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * One input of {@link ProfileLoader}: a name for messages and a way to open it once.
 *
 * <pre>{@code
 * Input.file(Path.of("cpu.pb.gz"));
 * Input.stream("stdin", System.in);   // not closed by the loader
 * }</pre>
 */
public final class Input {
  /** Opens the input's bytes. */
  @FunctionalInterface
  public interface Opener {
    /**
     * {@return the bytes; the loader closes the stream}
     *
     * @throws IOException when the input cannot be opened
     */
    InputStream open() throws IOException;
  }

  private final String name;
  private final Opener opener;

  private Input(String name, Opener opener) {
    this.name = name;
    this.opener = opener;
  }

  /**
   * {@return a file; a missing or unreadable one is an IOException naming it}
   *
   * @param path the file
   */
  public static Input file(Path path) {
    return new Input(path.toString(), () -> {
      try {
        return Files.newInputStream(path);
      } catch (NoSuchFileException e) {
        throw new IOException(path + ": no such file", e);
      } catch (IOException e) {
        throw new IOException(path + ": cannot read: " + e.getMessage(), e);
      }
    });
  }

  /**
   * {@return a stream that stays open (stdin): the loader reads it to its end but does not close
   * it}
   *
   * @param name the input's name in messages, e.g. {@code -} or {@code stdin}
   * @param in the stream
   */
  public static Input stream(String name, InputStream in) {
    return new Input(name, () -> new FilterInputStream(in) {
      @Override
      public void close() {
        // the caller owns the stream
      }
    });
  }

  /** {@return the name used in messages} */
  public String name() {
    return name;
  }

  InputStream open() throws IOException {
    return opener.open();
  }
}
