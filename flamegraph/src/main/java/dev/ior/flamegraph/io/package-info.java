// SPDX-License-Identifier: Apache-2.0
/**
 * Output files written completely or not at all: {@link dev.ior.flamegraph.io.AtomicFile} is
 * the one write-to-a-temporary-name-then-rename of the project, used by every writer of every
 * module (flame graphs, pprof, {@code .ior} data, recordings, timelines, CSV exports).
 */
package dev.ior.flamegraph.io;
