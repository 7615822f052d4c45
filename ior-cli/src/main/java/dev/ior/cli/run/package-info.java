// SPDX-License-Identifier: Apache-2.0
/**
 * {@code ior -- COMMAND}: starting the command held until the trace runs ({@link
 * dev.ior.cli.run.TracedCommand}), as the invoking user under sudo ({@link
 * dev.ior.cli.run.RunAs}), and what it left running ({@link dev.ior.cli.run.Descendants}).
 */
package dev.ior.cli.run;
