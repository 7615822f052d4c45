// SPDX-License-Identifier: Apache-2.0
/**
 * User stacks of traced calls: the policy that says which calls get one ({@link
 * dev.ior.core.stack.StackPolicy}), the symbolized stack value ({@link
 * dev.ior.core.stack.CallStack}), and the per-process cache that resolves each distinct kernel
 * stack id once ({@link dev.ior.core.stack.StackTable}). Symbolization itself (ELF, perf maps)
 * lives behind {@link dev.ior.core.stack.StackResolver}, outside ior-core.
 */
package dev.ior.core.stack;
