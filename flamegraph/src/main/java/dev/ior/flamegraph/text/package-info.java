// SPDX-License-Identifier: Apache-2.0
/**
 * Names as bytes, shown reversibly: {@link dev.ior.flamegraph.text.NameBytes} turns byte strings
 * (file names, comms: any byte but NUL, usually UTF-8) into Strings and back without loss, and
 * {@link dev.ior.flamegraph.text.NameEscaper} is the one escape every output writes them with.
 */
package dev.ior.flamegraph.text;
