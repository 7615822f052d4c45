// SPDX-License-Identifier: Apache-2.0
/**
 * Internal: allocation-free collections (an int-keyed map, a string interner) and the interval
 * buffer hand-over between the consumer thread and readers. No compatibility promise.
 */
package dev.ior.core.internal.util;
