// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.tui;

/**
 * How the dashboard was started.
 *
 * <pre>{@code
 * TuiOptions o = new TuiOptions("comm ~ postgres", false, ProcessSource.proc(),
 *     CsvExport.inDirectory(Path.of(".")));
 * }</pre>
 *
 * @param filters the capture filters in words, for the title line
 * @param pickTarget whether to open the target picker first (no -pid or -comm given)
 * @param processes where the picker lists processes from
 * @param export where {@code e} writes the current table
 */
public record TuiOptions(String filters, boolean pickTarget, ProcessSource processes,
    CsvExport export) {}
