// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;

/**
 * A command running in a detached tmux pane on a private tmux server, whose screen the test
 * reads with {@code capture-pane} and types into with {@code send-keys}.
 */
final class Tmux implements AutoCloseable {
  private final String socket = "ior-it-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
  private final Path socketPath;

  /** Starts {@code shellCommand} in {@code dir} on a {@code cols} x {@code rows} terminal. */
  Tmux(Path dir, int cols, int rows, String shellCommand) throws IOException,
      InterruptedException {
    run("new-session", "-d", "-s", "it", "-x", Integer.toString(cols), "-y",
        Integer.toString(rows), "-c", dir.toString(), shellCommand);
    socketPath = Path.of(display("#{socket_path}"));
  }

  /** Skips the test (or fails it when IOR_REQUIRE_TOOLS=1) when tmux is not installed. */
  static void require() {
    boolean ok;
    try {
      ok = new ProcessBuilder("tmux", "-V").start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      ok = false;
    }
    if (!ok) {
      if ("1".equals(System.getenv("IOR_REQUIRE_TOOLS"))) {
        fail("needs tmux (apt-get install tmux)");
      }
      System.err.println("SKIPPED: needs tmux (apt-get install tmux)");
      Assumptions.abort("tmux not installed");
    }
  }

  /** The pane's text now. */
  String screen() throws IOException, InterruptedException {
    return run("capture-pane", "-p", "-t", "it");
  }

  /** A tmux format value of the pane, e.g. "#{alternate_on}". */
  String display(String format) throws IOException, InterruptedException {
    return run("display-message", "-p", "-t", "it", format).strip();
  }

  /** Resizes the terminal, as a user dragging the window would (the program gets SIGWINCH). */
  void resize(int cols, int rows) throws IOException, InterruptedException {
    run("resize-window", "-t", "it", "-x", Integer.toString(cols), "-y", Integer.toString(rows));
  }

  /** Types keys (tmux key names: "q", "Enter", "Escape", "Up", "Tab"). */
  void keys(String... keys) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("send-keys", "-t", "it"));
    args.addAll(List.of(keys));
    run(args.toArray(new String[0]));
  }

  /** Polls the screen until {@code ok} holds; fails with the last screen after the timeout. */
  String await(String what, Predicate<String> ok, int seconds)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    String s = screen();
    while (!ok.test(s)) {
      if (System.nanoTime() > deadline) {
        fail("screen never showed " + what + "; last screen:\n" + s);
      }
      Thread.sleep(100); // polling a screen we do not control; no event to wait on
      s = screen();
    }
    return s;
  }

  /** Polls until the screen contains {@code text}. */
  String await(String text, int seconds) throws IOException, InterruptedException {
    return await("'" + text + "'", s -> s.contains(text), seconds);
  }

  private String run(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("tmux", "-u", "-L", socket));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("tmux " + String.join(" ", args) + " failed: " + out);
    }
    return out;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    try {
      run("kill-server");
    } catch (IOException e) {
      // already gone
    }
    java.nio.file.Files.deleteIfExists(socketPath); // tmux leaves its socket file behind
  }
}
