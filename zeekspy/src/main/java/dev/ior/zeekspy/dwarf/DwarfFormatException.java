// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.dwarf;

/** DWARF data that this reader cannot make sense of: malformed, or a form it does not know. */
public final class DwarfFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * An error described by {@code message}, which names the file and the offset.
   *
   * @param message names the file and the offset
   */
  public DwarfFormatException(String message) {
    super(message);
  }
}
