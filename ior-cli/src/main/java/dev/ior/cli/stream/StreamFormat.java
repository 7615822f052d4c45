// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.stream;

/** The live stream's output formats. */
public enum StreamFormat {
  /** ior's line format: {@code durationToPrevNs,durationNs,comm@pid.tid,syscall=>ret,file}. */
  IOR,
  /** RFC 4180 CSV with a header. */
  CSV,
  /** One JSON object per line. */
  JSON
}
