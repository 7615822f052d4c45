// SPDX-License-Identifier: Apache-2.0
/**
 * Cgroups and containers: every pair carries its task's cgroup v2 id; {@link
 * dev.ior.core.cgroup.CgroupResolver} turns ids into paths (scanning the cgroup2 mount found by
 * {@link dev.ior.core.cgroup.CgroupMount}, in the background, never blocking the consumer) and
 * {@link dev.ior.core.cgroup.ContainerParser} reads the container, pod, service or session from
 * a path alone. {@link dev.ior.core.cgroup.ContainerFilter} is {@code -container}.
 */
package dev.ior.core.cgroup;
