// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A fixture process started detached (double fork through {@code sh -c '... &'}), so it is not a
 * child of this JVM: the JDK's process reaper would otherwise steal ptrace stop notifications.
 * Closing kills it.
 *
 * <pre>{@code
 * try (FixtureProcess p = FixtureProcess.start(exe, "cycle")) {
 *   ZeekSpy.open(ZeekSpyConfig.of(p.pid()));
 * }
 * }</pre>
 */
public final class FixtureProcess implements AutoCloseable {
  private final long pid;

  private FixtureProcess(long pid) {
    this.pid = pid;
  }

  /**
   * Starts {@code exe args...} detached and waits until it reports ready (zeek fixtures) or has
   * exec'd (other programs).
   */
  public static FixtureProcess start(Path exe, String... args) throws IOException {
    boolean zeek = !exe.getFileName().toString().startsWith("i386");
    Path ready = Files.createTempFile("zeekspy-ready", ".txt");
    Files.delete(ready);
    List<String> argv = new ArrayList<>();
    argv.add(quote(exe.toString()));
    if (zeek) {
      argv.add("-ready");
      argv.add(quote(ready.toString()));
    }
    for (String a : args) {
      argv.add(quote(a));
    }
    String script = String.join(" ", argv) + " </dev/null >/dev/null 2>&1 & echo $!";
    Process sh = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
    String out;
    try {
      out = new String(sh.getInputStream().readAllBytes()).strip();
      sh.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    FixtureProcess p = new FixtureProcess(Long.parseLong(out));
    p.awaitReady(exe, zeek ? ready : null);
    return p;
  }

  private void awaitReady(Path exe, Path ready) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (ready != null ? Files.exists(ready) : execed(exe)) {
        if (ready != null) {
          Files.deleteIfExists(ready);
        }
        return;
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
    close();
    throw new IOException("fixture " + exe + " did not start");
  }

  private boolean execed(Path exe) {
    try {
      return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "exe")).equals(exe);
    } catch (IOException e) {
      return false;
    }
  }

  /** The fixture's pid. */
  public long pid() {
    return pid;
  }

  /** True while the process exists and is not a zombie. */
  public boolean alive() {
    return !dev.ior.zeekspy.target.ProcessState.isGone(pid);
  }

  @Override
  public void close() {
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
