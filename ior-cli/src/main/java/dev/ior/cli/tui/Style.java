// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.tui;

/** How a piece of text is shown; the lanterna painter maps these to colours. */
enum Style {
  /** Ordinary text. */
  NORMAL,
  /** Column headers, section titles. */
  HEADER,
  /** The selected row, tab or frame. */
  SELECTED,
  /** Secondary information (hints, the status line). */
  DIM,
  /** Warnings and errors. */
  ALERT,
  /** A flame-graph block (alternates with {@link #BLOCK2} so neighbours stay apart). */
  BLOCK1,
  /** A flame-graph block. */
  BLOCK2
}
