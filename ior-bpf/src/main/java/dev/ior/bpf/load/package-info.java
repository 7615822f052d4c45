// SPDX-License-Identifier: Apache-2.0
/**
 * Internal, but {@link dev.ior.bpf.load.Preflight} (can this machine trace? one line with the fix
 * when not): ior's BPF object through the libbpf life cycle. No compatibility promise.
 */
package dev.ior.bpf.load;
