// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.sample;

/**
 * A decoded Zeek {@code Location}: the script file and the first line of an object.
 *
 * @param file script path as Zeek recorded it, empty when unknown
 * @param line first line, 0 when unknown
 */
record LocInfo(String file, int line) {
  static final LocInfo UNKNOWN = new LocInfo("", 0);
}
