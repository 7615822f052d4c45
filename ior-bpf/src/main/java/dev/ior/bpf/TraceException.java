// SPDX-License-Identifier: Apache-2.0
package dev.ior.bpf;

/**
 * Tracing could not start or be changed (libbpf, privileges, kernel); the message is one line
 * with the fix. The same as ior-core's {@link dev.ior.core.trace.TraceException}, which callers of
 * {@code TraceStream} catch.
 */
public final class TraceException extends dev.ior.core.trace.TraceException {
  private static final long serialVersionUID = 1L;

  public TraceException(String message) {
    super(message);
  }

  public TraceException(String message, Throwable cause) {
    super(message, cause);
  }
}
