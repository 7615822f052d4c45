// SPDX-License-Identifier: Apache-2.0
/**
 * Small interning helpers shared by the writers: {@link dev.ior.flamegraph.intern.Interner} maps
 * keys (strings, functions, locations) to dense ids in first-seen order, so outputs are
 * deterministic for a given input order.
 */
package dev.ior.flamegraph.intern;
