// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.load;

import java.io.IOException;
import java.io.InputStream;

/**
 * An input format that {@link ProfileLoader} recognises by its first bytes and reads into a
 * profile: pprof is built in, producers add their own (ior adds its {@code .ior} data files).
 * Folded stacks, which have no magic, are what remains.
 *
 * <pre>{@code
 * ProfileLoader loader = ProfileLoader.standard().with(new MyFormat());
 * }</pre>
 */
public interface ProfileFormat {
  /** {@return what the format is called in messages, e.g. {@code pprof}} */
  String name();

  /**
   * {@return whether an input starting with {@code head[0, length)} is in this format; {@code
   * length} is at most {@link ProfileLoader#HEAD} and less for short inputs} Gzip is already
   * undone.
   *
   * @param head the first bytes of the input
   * @param length how many of them are valid
   */
  boolean detect(byte[] head, int length);

  /**
   * Reads the whole input (which the loader closes) into a profile of every sample type it has.
   *
   * @param source the input's name for messages
   * @param in the input, gzip already undone
   * @return the profile with every sample type, and the format's headings and unit names
   * @throws IOException naming {@code source} when the input is not readable in this format
   */
  Decoded read(InputStream in, String source) throws IOException;
}
