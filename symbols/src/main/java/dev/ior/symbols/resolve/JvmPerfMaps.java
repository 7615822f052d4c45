// SPDX-License-Identifier: Apache-2.0
package dev.ior.symbols.resolve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * JIT-compiled Java methods of running JVMs, through their perf maps: asks a target JVM to write
 * {@code /tmp/perf-PID.map} ({@code jcmd PID Compiler.perfmap}, JDK 17+) on a background thread,
 * at most once per {@link #MIN_REFRESH_NS} per JVM, and publishes the parsed map. Whether the
 * JVM runs with {@code -XX:+PreserveFramePointer} (without it, a frame-pointer walk stops or
 * skips frames in JIT code) is checked once per JVM and reported once. Never blocks the caller.
 */
public final class JvmPerfMaps implements AutoCloseable {
  /** Shortest time between two dumps of one JVM's perf map. */
  public static final long MIN_REFRESH_NS = 1_000_000_000L;

  private final Consumer<String> warn;
  private final Map<Integer, PerfMap> maps = new ConcurrentHashMap<>();
  private final Map<Integer, Long> lastRequestNs = new ConcurrentHashMap<>();
  private final Map<Integer, Boolean> checked = new ConcurrentHashMap<>();
  private final AtomicLong generation = new AtomicLong();
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "ior-perfmap");
    t.setDaemon(true);
    return t;
  });

  /**
   * A source whose one-line notices (a JVM without frame pointers, jcmd failures) go to warn.
   *
   * @param warn receives the notices, one line each
   */
  public JvmPerfMaps(Consumer<String> warn) {
    this.warn = warn;
  }

  /**
   * {@return a generation number, bumped whenever a new perf map was published: stacks resolved
   * before may improve now}
   */
  public long generation() {
    return generation.get();
  }

  /**
   * {@return the latest perf map of JVM {@code pid}, {@link PerfMap#EMPTY} before the first}
   *
   * @param pid process id of a JVM
   */
  public PerfMap map(int pid) {
    return maps.getOrDefault(pid, PerfMap.EMPTY);
  }

  /**
   * Asks JVM {@code pid} for a fresh perf map unless one was asked for less than {@link
   * #MIN_REFRESH_NS} ago. The first request of a JVM also reads a perf map it may already have
   * written and checks its frame-pointer flag.
   *
   * @param pid process id of a JVM
   */
  public void request(int pid) {
    long now = System.nanoTime();
    Long last = lastRequestNs.get(pid);
    if (last != null && now - last < MIN_REFRESH_NS) {
      return;
    }
    lastRequestNs.put(pid, now);
    boolean first = checked.putIfAbsent(pid, Boolean.TRUE) == null;
    worker.execute(() -> dump(pid, first));
  }

  /**
   * Forgets JVM {@code pid} (it ended or exec'd).
   *
   * @param pid process id of a JVM
   */
  public void forget(int pid) {
    maps.remove(pid);
    lastRequestNs.remove(pid);
    checked.remove(pid);
  }

  private void dump(int pid, boolean first) {
    if (first) {
      publish(pid); // one it may have written already (-XX:+DumpPerfMapAtExit, an agent)
    }
    if (jcmd(pid, "Compiler.perfmap") != null) {
      publish(pid);
    }
    if (first) {
      checkFramePointers(pid);
    }
  }

  private void publish(int pid) {
    PerfMap m = PerfMap.read(perfMapFile(pid));
    if (m.size() > 0) {
      maps.put(pid, m);
      generation.incrementAndGet();
    }
  }

  /** The perf map in the target's own /tmp (its mount namespace), as the kernel shows it to us. */
  static Path perfMapFile(int pid) {
    Path inRoot = Path.of("/proc", Integer.toString(pid), "root", "tmp", "perf-" + pid + ".map");
    return Files.isReadable(inRoot) ? inRoot : Path.of("/tmp", "perf-" + pid + ".map");
  }

  private void checkFramePointers(int pid) {
    String flags = jcmd(pid, "VM.flags");
    if (flags != null && !flags.contains("+PreserveFramePointer")) {
      warn.accept("java process " + pid + " runs without -XX:+PreserveFramePointer: its stacks"
          + " stop or skip frames in JIT-compiled Java code (native frames are still shown);"
          + " restart it with -XX:+PreserveFramePointer (costs ~1-3% CPU) for complete Java stacks");
    }
  }

  /**
   * Output of diagnostic command {@code command} in JVM {@code pid}: through HotSpot's attach
   * socket when the JVM runs as our user, else {@code jcmd} as its user; null (and one notice)
   * on failure.
   */
  private String jcmd(int pid, String command) {
    if (sameUser(pid)) {
      try {
        return HotSpotAttach.jcmd(pid, command, 10_000);
      } catch (IOException | RuntimeException e) {
        if (lastFailure.putIfAbsent(pid, Boolean.TRUE) == null) {
          warn.accept("cannot ask java process " + pid + " for " + command + " ("
              + e.getMessage() + "); its Java frames show as [unknown java]");
        }
        return null;
      }
    }
    return jcmdTool(pid, command);
  }

  private static boolean sameUser(int pid) {
    try {
      Object owner = Files.getAttribute(Path.of("/proc", Integer.toString(pid)), "unix:uid");
      Object self = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
      return owner.equals(self);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** {@code jcmd pid command} as the target's user (a process: slow, but HotSpot wants its user). */
  private String jcmdTool(int pid, String command) {
    Path exe;
    try {
      exe = Path.of("/proc", Integer.toString(pid), "exe").toRealPath();
    } catch (IOException e) {
      return null;
    }
    Path sibling = exe.resolveSibling("jcmd");
    String tool = Files.isExecutable(sibling) ? sibling.toString() : "jcmd";
    List<String> cmd = asOwner(pid, List.of(tool, Integer.toString(pid), command));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return null;
      }
      String text = new String(out, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        if (lastFailure.putIfAbsent(pid, Boolean.TRUE) == null) {
          warn.accept("cannot ask java process " + pid + " for its JIT symbols (" + tool + " "
              + command + ": " + firstLine(text) + "); Java frames show as [unknown java]");
        }
        return null;
      }
      return text;
    } catch (IOException e) {
      if (lastFailure.putIfAbsent(pid, Boolean.TRUE) == null) {
        warn.accept("cannot run " + tool + " for java process " + pid + ": " + e.getMessage());
      }
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private final Map<Integer, Boolean> lastFailure = new ConcurrentHashMap<>();

  private static String firstLine(String s) {
    String t = s.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl);
  }

  /**
   * HotSpot's attach listener accepts only its own user: a JVM of another user is asked through
   * setpriv with its uid and gid.
   */
  private static List<String> asOwner(int pid, List<String> cmd) {
    try {
      int uid = -1;
      int gid = -1;
      for (String line : Files.readAllLines(Path.of("/proc", Integer.toString(pid), "status"))) {
        if (line.startsWith("Uid:")) {
          uid = Integer.parseInt(line.split("\\s+")[2]);
        } else if (line.startsWith("Gid:")) {
          gid = Integer.parseInt(line.split("\\s+")[2]);
        }
      }
      if (uid > 0 && gid >= 0) {
        List<String> full = new java.util.ArrayList<>(List.of("setpriv", "--reuid=" + uid,
            "--regid=" + gid, "--clear-groups"));
        full.addAll(cmd);
        return full;
      }
    } catch (IOException | RuntimeException e) {
      // run it as we are
    }
    return cmd;
  }

  /**
   * Waits for dumps in flight (tests and the end of a run).
   *
   * @param timeoutMs the longest wait, ms
   */
  public void awaitIdle(long timeoutMs) {
    java.util.concurrent.Future<?> f = worker.submit(() -> { });
    try {
      f.get(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      // best effort
    }
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}
