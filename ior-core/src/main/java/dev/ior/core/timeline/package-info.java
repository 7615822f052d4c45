// SPDX-License-Identifier: Apache-2.0
/**
 * Per-thread timelines of a trace: {@link dev.ior.core.timeline.TimelineSink} keeps the calls
 * (the slowest N, with a limit), {@link dev.ior.core.timeline.ChromeTraceWriter} writes the
 * Chrome trace event format (Perfetto, chrome://tracing), {@link
 * dev.ior.core.timeline.SpeedscopeWriter} speedscope's evented profiles.
 */
package dev.ior.core.timeline;
