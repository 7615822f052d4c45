// SPDX-License-Identifier: Apache-2.0
/** The {@code zeekspy} command line (picocli), with zeek-spy's single-dash flags. */
package dev.ior.cli.zeekspy;
