// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: the consumer of the BPF ring buffer, read from its mapped pages. No compatibility
 * promise.
 */
package dev.ior.bpf.internal.ring;
