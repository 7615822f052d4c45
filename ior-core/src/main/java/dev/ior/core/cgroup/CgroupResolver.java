// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.cgroup;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Resolves cgroup ids to paths and containers without ever blocking the consumer thread. The
 * cgroup2 mount is scanned once when the resolver starts; after that {@link #lookup} reads an
 * immutable snapshot (one volatile read, no lock, no allocation). An id the snapshot lacks (a
 * cgroup created since: a container started during the trace) is answered "unknown yet" (null)
 * and handed to a background thread, which rescans the mount (at most once per {@code
 * minRescan}) and publishes a new snapshot. An id still missing after a rescan belongs to a
 * cgroup that is gone; it is recorded as such ({@link CgroupInfo#gone}) so it is asked for only
 * once. Entries are kept after their cgroup is removed: pairs seen earlier still resolve.
 *
 * <pre>{@code
 * try (CgroupResolver cgroups = CgroupResolver.start(CgroupMount.fromProc().orElseThrow())) {
 *   CgroupInfo c = cgroups.lookup(pair.cgroupId());     // consumer thread: never waits
 *   CgroupInfo d = cgroups.resolve(id, Duration.ofMillis(200)); // other threads may wait
 * }
 * }</pre>
 */
public final class CgroupResolver implements CgroupLookup, AutoCloseable {
  /** Default shortest interval between two rescans. */
  public static final Duration DEFAULT_MIN_RESCAN = Duration.ofMillis(100);
  private static final int REQUEST_SLOTS = 64; // a power of two
  private static final int REQUEST_PROBES = 4;

  private final CgroupMount mount;
  private final long minRescanNs;
  /** Ids the consumer missed; 0 is a free slot. Written by any thread, drained by the worker. */
  private final AtomicLongArray requests = new AtomicLongArray(REQUEST_SLOTS);
  private final Thread worker;
  private volatile CgroupTable table = CgroupTable.EMPTY;
  private volatile boolean closed;
  private long lastScanNs;
  private volatile long scans;

  private CgroupResolver(CgroupMount mount, Duration minRescan) {
    this.mount = mount;
    this.minRescanNs = minRescan.toNanos();
    this.worker = new Thread(this::work, "ior-cgroups");
    worker.setDaemon(true);
  }

  /**
   * Scans {@code mount} now (on the caller's thread), then starts the background resolver.
   *
   * @param mount the cgroup2 mount to scan
   * @return the running resolver; close it to stop its thread
   */
  public static CgroupResolver start(CgroupMount mount) {
    return start(mount, DEFAULT_MIN_RESCAN);
  }

  /**
   * Like {@link #start(CgroupMount)} with a given shortest interval between rescans.
   *
   * @param mount the cgroup2 mount to scan
   * @param minRescan the shortest interval between two scans for unknown ids
   * @return the running resolver; close it to stop its thread
   */
  public static CgroupResolver start(CgroupMount mount, Duration minRescan) {
    CgroupResolver r = new CgroupResolver(mount, minRescan);
    r.rescan(Set.of());
    r.worker.start();
    return r;
  }

  /** {@return the mount this resolver scans} */
  public CgroupMount mount() {
    return mount;
  }

  /**
   * What is known about {@code id}, or null while it is unknown yet (the background thread is
   * asked to look). Any thread; never blocks, allocates nothing.
   */
  @Override
  public CgroupInfo lookup(long id) {
    CgroupInfo c = table.get(id);
    if (c == null && id != 0) {
      request(id);
    }
    return c;
  }

  /** Waits up to {@code timeout} for the background rescan to resolve an unknown id. */
  @Override
  public CgroupInfo resolve(long id, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    CgroupInfo c;
    while ((c = lookup(id)) == null && id != 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return null;
      }
      synchronized (this) {
        if (table.get(id) == null) {
          TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, 10_000_000L));
        }
      }
    }
    return c;
  }

  /** {@return number of scans of the mount so far (the first one included)} */
  public long scans() {
    return scans;
  }

  private void request(long id) {
    long h = id * 0x9E3779B97F4A7C15L;
    int start = (int) (h ^ (h >>> 32));
    for (int k = 0; k < REQUEST_PROBES; k++) {
      int i = (start + k) & (REQUEST_SLOTS - 1);
      long v = requests.get(i);
      if (v == id) {
        return; // asked already
      }
      if (v == 0 && requests.compareAndSet(i, 0, id)) {
        LockSupport.unpark(worker);
        return;
      }
    }
    // All probed slots are taken: the next miss of this id asks again.
  }

  private void work() {
    while (!closed) {
      LockSupport.parkNanos(this, 100_000_000L);
      Set<Long> wanted = drainRequests(new HashSet<>());
      if (wanted.isEmpty()) {
        continue;
      }
      // Rate limit: one rescan covers every id asked for meanwhile (an unpark ends a park early,
      // so park until the time has really come).
      for (long wait; !closed && (wait = lastScanNs + minRescanNs - System.nanoTime()) > 0; ) {
        LockSupport.parkNanos(this, wait);
      }
      drainRequests(wanted);
      if (!closed) {
        rescan(wanted);
      }
    }
  }

  private Set<Long> drainRequests(Set<Long> into) {
    CgroupTable t = table;
    for (int i = 0; i < REQUEST_SLOTS; i++) {
      long id = requests.getAndSet(i, 0);
      if (id != 0 && t.get(id) == null) {
        into.add(id);
      }
    }
    return into;
  }

  /** Scans the mount and publishes a new snapshot; {@code wanted} ids still missing are gone. */
  private void rescan(Set<Long> wanted) {
    Map<Long, CgroupInfo> next = table.toMap();
    mount.scan().forEach((id, path) -> {
      CgroupInfo old = next.get(id);
      if (old == null || !path.equals(old.path())) {
        next.put(id, CgroupInfo.of(id, path)); // new, or renamed
      }
    });
    for (long id : wanted) {
      next.putIfAbsent(id, CgroupInfo.gone(id));
    }
    table = new CgroupTable(next);
    lastScanNs = System.nanoTime();
    scans++;
    synchronized (this) {
      notifyAll();
    }
  }

  /** Stops the background thread. */
  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(worker);
    try {
      worker.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
