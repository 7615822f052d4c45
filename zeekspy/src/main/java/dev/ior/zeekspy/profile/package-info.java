// SPDX-License-Identifier: Apache-2.0
/** Aggregating samples into a {@link dev.ior.flamegraph.profile.StackProfile} for pprof. */
package dev.ior.zeekspy.profile;
