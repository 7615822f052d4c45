// SPDX-License-Identifier: Apache-2.0
package dev.ior.bpf;

/**
 * Tracing could not start or be changed (libbpf, privileges, kernel); the message is one line
 * with the fix. The same as ior-core's {@link dev.ior.core.trace.TraceException}, which callers of
 * {@code TraceStream} catch.
 */
public final class TraceException extends dev.ior.core.trace.TraceException {
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
