// SPDX-License-Identifier: Apache-2.0
/**
 * The stack-profile model shared by every producer and writer: {@link
 * dev.ior.flamegraph.profile.StackProfile} holds aggregated {@link
 * dev.ior.flamegraph.profile.Sample}s of {@link dev.ior.flamegraph.profile.Frame}s with one value
 * per {@link dev.ior.flamegraph.profile.SampleType}.
 */
package dev.ior.flamegraph.profile;
