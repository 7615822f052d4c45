// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: the ring-buffer record layout and its decoder into reused enter and exit views, and
 * the encoder tests and synthetic streams use. Public for ior-bpf and the tests; no compatibility
 * promise (records are read through {@link dev.ior.core.TracePipeline}).
 */
package dev.ior.core.internal.decode;
