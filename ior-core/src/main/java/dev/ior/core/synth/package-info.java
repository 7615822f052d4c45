// SPDX-License-Identifier: Apache-2.0
/**
 * Synthetic record streams shaped like a database's file I/O, for benchmarks, tests and warming
 * up the JIT; not for tracing. No compatibility promise.
 */
package dev.ior.core.synth;
