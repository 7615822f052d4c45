// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.collapsed;

/**
 * A line of a folded file that could not be read and was skipped.
 *
 * <pre>{@code
 * for (MalformedLine m : result.malformed()) {
 *   System.err.printf("line %d: %s: %s%n", m.lineNumber(), m.reason(), m.text());
 * }
 * }</pre>
 *
 * @param lineNumber 1-based line number; lines are separated by line feeds only
 * @param text the line as read (decoded as UTF-8, without its line break), at most 200 chars
 * @param reason why it was skipped, e.g. {@code no count at end of line}
 */
public record MalformedLine(long lineNumber, String text, String reason) {}
