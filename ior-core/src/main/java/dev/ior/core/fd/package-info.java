// SPDX-License-Identifier: Apache-2.0
/**
 * Internal, but {@link dev.ior.core.fd.ProcFs} (what the pipeline may ask the system about a
 * process it joined late; {@code ProcFs.EMPTY} for replays): descriptor tables per process, file
 * identities and the tracker that keeps them current. No compatibility promise.
 */
package dev.ior.core.fd;
