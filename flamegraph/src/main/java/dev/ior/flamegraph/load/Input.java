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
    /** The bytes; the loader closes the stream. */
    InputStream open() throws IOException;
  }

  private final String name;
  private final Opener opener;

  private Input(String name, Opener opener) {
    this.name = name;
    this.opener = opener;
  }

  /** A file; a missing or unreadable one is an IOException naming it. */
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

  /** A stream that stays open (stdin): the loader reads it to its end but does not close it. */
  public static Input stream(String name, InputStream in) {
    return new Input(name, () -> new FilterInputStream(in) {
      @Override
      public void close() {
        // the caller owns the stream
      }
    });
  }

  /** The name used in messages. */
  public String name() {
    return name;
  }

  InputStream open() throws IOException {
    return opener.open();
  }
}
