// SPDX-License-Identifier: Apache-2.0
/**
 * Live statistics for dashboards: {@link dev.ior.core.live.LiveStats} is a sink that counts per
 * syscall, file, process and flow on the consumer thread (no locks, no per-pair allocation once
 * a group exists) and publishes immutable {@link dev.ior.core.live.LiveSnapshot}s about once a
 * second for other threads to read.
 */
package dev.ior.core.live;
