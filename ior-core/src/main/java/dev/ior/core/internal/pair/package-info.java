// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: the reused pair view the pipeline fills and hands to sinks, which see it as a
 * {@link dev.ior.core.event.SyscallPair}. No compatibility promise.
 */
package dev.ior.core.internal.pair;
