// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: the libbpf and libc calls ior makes, bound with JNA. No compatibility promise.
 */
package dev.ior.bpf.internal.lib;
