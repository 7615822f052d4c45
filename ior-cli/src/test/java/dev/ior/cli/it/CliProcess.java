// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A launcher from bin/ run as a child process with its stdout and stderr collected. */
final class CliProcess {
  final Process process;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Thread outPump;
  private final Thread errPump;

  static Path repo() {
    return Paths.get(System.getenv().getOrDefault("IOR_REPO_ROOT", "..")).toAbsolutePath();
  }

  CliProcess(String launcher, String... args) throws IOException {
    this(java.util.Map.of(), launcher, args);
  }

  /** Runs the launcher with {@code env} added to the environment. */
  CliProcess(java.util.Map<String, String> env, String launcher, String... args)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(repo().resolve("bin").resolve(launcher).toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().putAll(env);
    process = pb.start();
    outPump = pump(process.getInputStream(), out);
    errPump = pump(process.getErrorStream(), err);
  }

  private static Thread pump(InputStream in, ByteArrayOutputStream to) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[8192];
      try {
        for (int n; (n = in.read(buf)) > 0; ) {
          synchronized (to) {
            to.write(buf, 0, n);
          }
        }
      } catch (IOException e) {
        // stream closed
      }
    });
    t.setDaemon(true);
    t.start();
    return t;
  }

  String out() {
    synchronized (out) {
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  String err() {
    synchronized (err) {
      return err.toString(StandardCharsets.UTF_8);
    }
  }

  /** Waits until stderr contains {@code text}. */
  void awaitErr(String text, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!err().contains(text)) {
      if (System.nanoTime() > deadline || !process.isAlive() && !err().contains(text)) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          fail("no '" + text + "' on stderr; alive=" + process.isAlive() + " stderr:\n" + err());
        }
      }
      Thread.sleep(50);
    }
  }

  void signal(String sig) throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-" + sig, Long.toString(process.pid())).start().waitFor();
  }

  int waitFor(int seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("did not exit within " + seconds + " s; stderr:\n" + err());
    }
    outPump.join(5000);
    errPump.join(5000);
    return process.exitValue();
  }
}
