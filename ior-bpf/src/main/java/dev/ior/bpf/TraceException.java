// SPDX-License-Identifier: Apache-2.0
package dev.ior.bpf;

/**
 * A tracer failure with a one-line message for the user that says what failed and how to fix
 * it, e.g. "tracefs is not mounted at /sys/kernel/tracing and mounting it failed: ... (run as
 * root, or: mount -t tracefs tracefs /sys/kernel/tracing)".
 */
public final class TraceException extends Exception {
  private static final long serialVersionUID = 1L;

  public TraceException(String message) {
    super(message);
  }

  public TraceException(String message, Throwable cause) {
    super(message, cause);
  }
}
