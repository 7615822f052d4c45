// SPDX-License-Identifier: Apache-2.0
/**
 * Assertions on the I/O of the code under test, recorded in the same JVM with eBPF: annotate a
 * test class with {@link dev.ior.junit.TraceIo}, take a {@link dev.ior.junit.RecordedIo}
 * parameter, and assert ({@code io.opened().noneOutside(tempDir)}); {@link
 * dev.ior.junit.IoBudget} limits a test's I/O.
 */
package dev.ior.junit;
