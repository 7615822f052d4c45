// SPDX-License-Identifier: Apache-2.0
/**
 * Zeek structure layouts as data: one resource per Zeek version, compiler and architecture,
 * chosen by the version string read from the process, or a user's layout file.
 */
package dev.ior.zeekspy.layout;
