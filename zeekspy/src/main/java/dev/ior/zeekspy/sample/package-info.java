// SPDX-License-Identifier: Apache-2.0
/**
 * Reading and validating Zeek's script call stack ({@link dev.ior.zeekspy.sample.StackWalker}) and
 * the fixed-rate sampling loop with its counters ({@link dev.ior.zeekspy.sample.Sampler}).
 */
package dev.ior.zeekspy.sample;
