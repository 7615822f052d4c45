// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.sample;

/** What one attempt to read the script call stack produced. */
public enum WalkOutcome {
  /** A complete, validated stack. */
  STACK,
  /** The call stack was empty: Zeek was not executing script code. */
  EMPTY,
  /** What was read was inconsistent (the stack changed while being read, or is not plausible). */
  TORN
}
