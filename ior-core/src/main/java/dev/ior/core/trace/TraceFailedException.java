// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.trace;

/**
 * A running trace stopped because something failed: an exception from a sink ({@code onPair}),
 * or a source that could not be read (a damaged recording). Thrown by {@link TraceStream#stop()},
 * {@link TraceStream#awaitTermination} and {@link TraceStream#close()} (once), with the original
 * as its cause, after the handlers of {@link TraceStream#onError} saw it.
 */
public final class TraceFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  TraceFailedException(Throwable cause) {
    super("the trace stopped early: " + cause, cause);
  }
}
