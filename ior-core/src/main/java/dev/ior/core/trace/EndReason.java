// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.trace;

/** Why a {@link TraceStream} ended. */
public enum EndReason {
  /** {@link TraceStream#stop()} or {@link TraceStream#close()}. */
  STOPPED,
  /** The source had no more records (a recording read to its end). */
  SOURCE_ENDED,
  /** The duration given to {@link TraceStream#duration} passed. */
  DURATION,
  /** The process ({@code pid}) or thread ({@code tid}) of the configuration exited. */
  TARGET_EXITED,
  /** The {@link HeldProcess} given to {@link TraceStream#command} exited. */
  COMMAND_EXITED,
  /** A sink or the source failed: see {@link TraceStream#failure()}. */
  FAILED
}
