// SPDX-License-Identifier: Apache-2.0
package dev.ior.symbols.elf;

import java.io.IOException;

/** The file is not an ELF object this reader understands, or its tables are inconsistent. */
public final class ElfFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * An error with a message naming the file and what is wrong.
   *
   * @param message names the file and what is wrong
   */
  public ElfFormatException(String message) {
    super(message);
  }
}
