// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.syscall;

/** How a successful call's return value counts as bytes moved; the {@code io} column. */
public enum IoKind {
  /** The return value is not a byte count. */
  NONE,
  /** Bytes read. */
  READ,
  /** Bytes written. */
  WRITE,
  /** Bytes transferred between two descriptors (sendfile, splice, ...). */
  TRANSFER;

  static IoKind parse(String s) {
    switch (s) {
      case "-":
        return NONE;
      case "r":
        return READ;
      case "w":
        return WRITE;
      case "t":
        return TRANSFER;
      default:
        throw new IllegalArgumentException("io column must be one of - r w t: " + s);
    }
  }
}
