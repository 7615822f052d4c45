// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.trace;

import dev.ior.cli.FlagValues;
import dev.ior.core.cgroup.CgroupInfo;
import dev.ior.core.cgroup.CgroupLookup;
import dev.ior.core.cgroup.CgroupMount;
import dev.ior.core.cgroup.CgroupResolver;
import dev.ior.core.cgroup.ContainerFilter;
import dev.ior.core.cgroup.PendingCgroups;
import dev.ior.core.sink.PairSink;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongFunction;
import picocli.CommandLine.Option;

/**
 * {@code -cgroup} and {@code -container}, and the cgroup resolver every live trace uses to
 * label pairs with their cgroup path and container.
 */
public final class CgroupOptions {
  @Option(names = {"-cgroup", "--cgroup"}, paramLabel = "PATH|ID",
      description = "Trace only tasks in this cgroup v2 and below it (filtered in the kernel):"
          + " a path as /proc/PID/cgroup shows it (/system.slice/nginx.service), one under the"
          + " cgroup2 mount, or a numeric cgroup id.")
  String cgroup;

  @Option(names = {"-container", "--container"}, paramLabel = "NAME|ID",
      description = "Show only calls of this container (filtered in user space, by cgroup"
          + " path): an id or a prefix of it (4+ characters), a label as the container column"
          + " shows it (docker:3f2a1b4c5d6e), an engine (docker, podman, k8s, ...), a pod uid,"
          + " or a systemd unit (nginx, nginx.service).")
  String container;

  /** Longest a pair waits for its cgroup: two rescan intervals of the resolver, and some. */
  private static final Duration MAX_HOLD = Duration.ofMillis(250);
  /** Most pairs waiting at once (about 100 bytes each). */
  private static final int MAX_HELD_PAIRS = 1 << 16;

  private ContainerFilter filter;

  /**
   * Refuses values no trace can use, before anything starts: an empty {@code -cgroup} or
   * {@code -container}.
   *
   * @throws IllegalArgumentException with a one-line reason
   */
  void validate() {
    if (cgroup != null) {
      FlagValues.nonEmpty("-cgroup", cgroup, "a cgroup path or id");
    }
    if (container != null) {
      FlagValues.nonEmpty("-container", container, "a container name, id or engine");
    }
  }

  /** Whether either option was given. */
  boolean given() {
    return cgroup != null || container != null;
  }

  /**
   * The resolver for a live trace: the cgroup2 mount scanned now, then kept current in the
   * background. Empty when cgroup v2 is not mounted (pairs then show cgroup ids only).
   */
  public static Optional<CgroupResolver> openResolver() {
    try {
      return CgroupMount.fromProc().map(CgroupResolver::start);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The resolver as a lookup; without one, ids stay ids. */
  public static CgroupLookup lookup(Optional<CgroupResolver> resolver) {
    return resolver.isPresent() ? resolver.get() : CgroupLookup.NONE;
  }

  /**
   * The cgroup id {@code -cgroup} names, 0 when not given.
   *
   * @throws IllegalArgumentException with a one-line reason: no cgroup v2, no such cgroup
   */
  public long cgroupId(Optional<CgroupResolver> resolver) {
    if (cgroup == null) {
      return 0;
    }
    String shown = FlagValues.shown(FlagValues.nonEmpty("-cgroup", cgroup,
        "a cgroup path or id"));
    CgroupMount mount = resolver.map(CgroupResolver::mount).orElseThrow(() ->
        new IllegalArgumentException("-cgroup " + shown + ": cgroup v2 is not mounted here"
            + " (no cgroup2 in /proc/self/mountinfo)"));
    if (cgroup.matches("\\d+")) {
      long id = FlagValues.unsigned64("-cgroup", cgroup);
      CgroupInfo c = resolver.get().lookup(id);
      if (c == null || c.path() == null) {
        throw new IllegalArgumentException("-cgroup " + shown + ": no cgroup has this id under "
            + mount.dir());
      }
      return id;
    }
    try {
      return mount.idOf(cgroup);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("-cgroup " + shown + ": no such cgroup (looked for "
          + FlagValues.shown(mount.directory(cgroup).toString()) + ")");
    } catch (IOException e) {
      throw new IllegalArgumentException("-cgroup " + shown + ": "
          + FlagValues.safe(String.valueOf(e.getMessage())));
    }
  }

  /**
   * {@code sink} behind the {@code -container} filter when it was given, and, when cgroups are
   * resolved, behind {@link PendingCgroups}: a new cgroup's first calls wait the few
   * milliseconds until its path is known, so no output shows them without it.
   */
  public PairSink sink(PairSink sink, CgroupLookup lookup) {
    PairSink s = sink;
    if (container != null) {
      filter = new ContainerFilter(container, lookup, s);
      s = filter;
    }
    return lookup == CgroupLookup.NONE ? s
        : new PendingCgroups(lookup, s, MAX_HOLD, MAX_HELD_PAIRS, System::nanoTime);
  }

  /** Says how many calls {@code -container} could not decide (their cgroup was too new). */
  public void report(PrintWriter err) {
    if (filter != null && filter.unresolved() > 0) {
      err.printf(Locale.ROOT, "ior: -container: %,d calls were left out because their cgroup"
          + " could not be resolved when they arrived%n", filter.unresolved());
    }
  }

  /** Cgroup id to path for outputs written at the end (waits briefly for new cgroups). */
  static LongFunction<String> paths(CgroupLookup lookup) {
    return id -> {
      try {
        CgroupInfo c = lookup.resolve(id, Duration.ofSeconds(1));
        return c != null ? c.pathOrId() : CgroupInfo.idLabel(id);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return CgroupInfo.idLabel(id);
      }
    };
  }
}
