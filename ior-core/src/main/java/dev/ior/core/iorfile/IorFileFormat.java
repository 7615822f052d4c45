// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.iorfile;

import java.nio.charset.StandardCharsets;

/**
 * Constants of the {@code .ior} layout: an 8-byte magic, a 2-byte big-endian version, then a
 * gzip stream of length-delimited protobuf messages (see {@code iordata.proto} and
 * docs/formats.md).
 *
 * <pre>{@code
 * byte[] head = Arrays.copyOf(bytes, IorFileFormat.MAGIC.length);
 * boolean isIor = Arrays.equals(head, IorFileFormat.MAGIC);
 * }</pre>
 */
public final class IorFileFormat {
  /** "IORDATA\n": the line feed catches text-mode transfers that would mangle the file. */
  public static final byte[] MAGIC = "IORDATA\n".getBytes(StandardCharsets.US_ASCII);
  /** The version this code writes and the highest it reads. */
  public static final int VERSION = 1;
  /** The file name extension. */
  public static final String EXTENSION = ".ior";

  private IorFileFormat() {}
}
