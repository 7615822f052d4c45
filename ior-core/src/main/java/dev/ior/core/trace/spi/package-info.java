// SPDX-License-Identifier: Apache-2.0
/**
 * For implementers of record sources: {@link dev.ior.core.trace.spi.RecordSource} and the
 * {@link dev.ior.core.trace.spi.LiveSourceProvider} through which ior-bpf supplies live tracing.
 */
package dev.ior.core.trace.spi;
