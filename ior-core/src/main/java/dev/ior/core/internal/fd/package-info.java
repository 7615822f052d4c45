// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: descriptor tables per process, file identities and the tracker that keeps them
 * current, and {@link LinuxProcFs}, the {@link dev.ior.core.trace.spi.ProcFs} of a live trace. No
 * compatibility promise.
 */
package dev.ior.core.internal.fd;

