// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.cgroup;

import dev.ior.core.event.SyscallPair;
import dev.ior.core.sink.PairSink;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * {@code -container NAME|ID}: passes on the pairs whose cgroup names a matching container
 * ({@link Container#matches}). A user-space filter: the decision is made once per cgroup and
 * remembered, so a pair costs a lookup and a map read, no allocation. A pair whose cgroup is not
 * resolved yet cannot be decided and is dropped; {@link #unresolved()} counts those so that the
 * run can say so. Consumer thread only.
 *
 * <pre>{@code
 * PairSink sink = new ContainerFilter("3f2a1b4c", resolver, stream);
 * }</pre>
 */
public final class ContainerFilter implements PairSink {
  private final String query;
  private final CgroupLookup cgroups;
  private final PairSink next;
  private final Map<CgroupInfo, Boolean> decided = new IdentityHashMap<>();
  private long passed;
  private long unresolved;

  /**
   * A filter passing pairs of containers matching {@code query} to {@code next}.
   *
   * @param query a container name, id prefix, pod uid or unit ({@link Container#matches})
   * @param cgroups names the pairs' cgroups
   * @param next receives the pairs that pass
   * @throws IllegalArgumentException when {@code query} is blank
   */
  public ContainerFilter(String query, CgroupLookup cgroups, PairSink next) {
    if (query == null || query.isBlank()) {
      throw new IllegalArgumentException("-container needs a name or id");
    }
    this.query = query.trim();
    this.cgroups = cgroups;
    this.next = next;
  }

  @Override
  public void accept(SyscallPair pair) {
    CgroupInfo c = cgroups.lookup(pair.cgroupId());
    if (c == null) {
      unresolved++;
      return;
    }
    Boolean keep = decided.get(c);
    if (keep == null) {
      keep = c.matches(query);
      decided.put(c, keep);
    }
    if (keep) {
      passed++;
      next.accept(pair);
    }
  }

  @Override
  public void flush() {
    next.flush();
  }

  @Override
  public void finish() {
    next.finish();
  }

  /** {@return pairs passed on so far} */
  public long passed() {
    return passed;
  }

  /** {@return pairs dropped because their cgroup was not resolved yet when they arrived} */
  public long unresolved() {
    return unresolved;
  }
}
