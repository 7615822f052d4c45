// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.testdata.Workload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ior -tui} stopped by SIGTERM (systemd, kill) or SIGHUP (a closed SSH session) in a real
 * terminal ends as {@code q} does: statistics and -flamegraph files written, terminal restored,
 * no exception.
 */
class TuiSignalIT {
  @TempDir Path dir;

  @BeforeEach
  void require() {
    Requirements.requireBpf();
    Tmux.require();
  }

  /** Starts the dashboard in tmux; the shell prints IOR-EXITED and the exit status after it. */
  private Tmux start() throws Exception {
    String cmd = "stty -g > stty.before; sh -c 'echo $$ > ior.pid; exec \""
        + CliProcess.repo().resolve("bin/ior") + "\" -tui -comm " + Workload.COMM
        + " -tps \"" + TuiIT.TPS + "\" -flamegraph -name run' 2> err.txt;"
        + " echo \"IOR-EXITED $?\"; stty -g > stty.after; exec sleep 600";
    Tmux t = new Tmux(dir, 160, 48, cmd);
    t.await("1 Overview", 60);
    TuiIT.awaitFile(dir.resolve("err.txt"), "Ctrl+C to stop");
    Requirements.runWorkload("seq", dir);
    t.await("the workload on the dashboard", s -> s.contains("iorwl"), 10);
    return t;
  }

  private void kill(String signal) throws Exception {
    String pid = Files.readString(dir.resolve("ior.pid")).strip();
    assertEquals(0, new ProcessBuilder("kill", "-" + signal, pid).start().waitFor());
  }

  private void assertEndedAsQuitDoes(Tmux t, int status) throws Exception {
    String after = t.await("IOR-EXITED", 60);
    assertTrue(after.contains("IOR-EXITED " + status), after);
    assertEquals("0", t.display("#{alternate_on}"), "left the alternate screen");
    assertEndedWithOutputs();
    TuiIT.awaitFile(dir.resolve("stty.after"), ":");
    assertEquals(Files.readString(dir.resolve("stty.before")),
        Files.readString(dir.resolve("stty.after")), "terminal modes restored");
  }

  private void assertEndedWithOutputs() throws Exception {
    String err = Files.readString(dir.resolve("err.txt"));
    assertTrue(err.contains("syscalls paired:"), err);
    for (String ext : new String[] {".ior", ".collapsed", ".svg"}) {
      assertTrue(err.contains("ior: wrote " + dir.resolve("run" + ext).getFileName()), err);
      assertTrue(Files.size(dir.resolve("run" + ext)) > 0, ext);
    }
    assertTrue(Files.readString(dir.resolve("run.svg")).contains("iorwl"), "the trace's data");
    assertFalse(err.contains("Exception"), err);
  }

  @Test
  void sigtermEndsAsQDoes() throws Exception {
    try (Tmux t = start()) {
      kill("TERM");
      assertEndedAsQuitDoes(t, 143);
    }
  }

  @Test
  void sighupEndsAsQDoes() throws Exception {
    try (Tmux t = start()) {
      kill("HUP");
      assertEndedAsQuitDoes(t, 129);
    }
  }

  @Test
  void aClosedTerminalStillWritesEveryOutput() throws Exception {
    long pid;
    try (Tmux t = start()) {
      pid = Long.parseLong(Files.readString(dir.resolve("ior.pid")).strip());
    } // kills the tmux server: the terminal hangs up under the running dashboard
    ProcessHandle h = ProcessHandle.of(pid).orElse(null);
    if (h != null) {
      h.onExit().get(60, TimeUnit.SECONDS);
    }
    assertEndedWithOutputs();
  }
}
