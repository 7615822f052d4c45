// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.trace;

/**
 * A trace could not start or be changed. The message is one line for the user and says how to
 * fix it, e.g. "loading the BPF programs failed: Operation not permitted (run as root or grant
 * CAP_BPF and CAP_PERFMON)".
 */
public class TraceException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * A failure with a one-line reason.
   *
   * @param message one line: what failed and how to fix it
   */
  public TraceException(String message) {
    super(message);
  }

  /**
   * A failure with a one-line reason and its cause.
   *
   * @param message one line: what failed and how to fix it
   * @param cause the underlying failure
   */
  public TraceException(String message, Throwable cause) {
    super(message, cause);
  }
}
