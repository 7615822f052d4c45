// SPDX-License-Identifier: Apache-2.0
/**
 * Resolving a pid into a sampling target: architecture check, symbols, load bias, Zeek version and
 * layout, with an actionable error for each way this can fail.
 */
package dev.ior.zeekspy.target;
