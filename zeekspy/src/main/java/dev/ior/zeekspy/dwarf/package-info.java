// SPDX-License-Identifier: Apache-2.0
/**
 * The subset of DWARF (versions 2-5) needed to lay out C++ structures: units, abbreviations and
 * the entries of types and variables, found in the executable, its separate debug file
 * ({@code .gnu_debuglink} or build id) or split-DWARF objects; and the derivation of a Zeek layout
 * from them.
 */
package dev.ior.zeekspy.dwarf;
