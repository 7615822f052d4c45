// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.cli.stream.StreamSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ior -- COMMAND} as a process: the command's exit status becomes ior's, the trace ends
 * with the command, Ctrl+C reaches the command first, sudo's user runs it, {@code -o} keeps the
 * streams apart. These hold whether or not the kernel follows the command's descendants.
 */
class CommandCliIT {
  static final String TPS = "_(openat|write)$";

  @TempDir Path dir;

  @BeforeEach
  void requireBpf() throws Exception {
    Requirements.requireBpf();
    // Under sudo the commands run as the invoking user: let them write here.
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
  }

  private static CliProcess ior(String... args) throws Exception {
    return new CliProcess("ior", args);
  }

  @Test
  void exitsWithTheCommandsStatus() throws Exception {
    CliProcess fails = ior("-tps", TPS, "-o", "/dev/null", "--", "sh", "-c", "exit 3");
    assertEquals(3, fails.waitFor(120), fails.err());
    assertTrue(fails.err().contains("ior: sh (pid "), fails.err());
    assertTrue(fails.err().contains(") exited with status 3\n"), fails.err());
    assertTrue(fails.err().contains("syscalls paired:"), "statistics still written");

    CliProcess killed = ior("-tps", TPS, "-o", "/dev/null", "--", "sh", "-c", "kill -9 $$");
    assertEquals(137, killed.waitFor(120), killed.err());
    assertTrue(killed.err().contains(") was killed by signal 9 (SIGKILL)\n"), killed.err());

    CliProcess ok = ior("-tps", TPS, "-o", "/dev/null", "--", "true");
    assertEquals(0, ok.waitFor(120), ok.err());
  }

  @Test
  void aMissingCommandOrCgroupIsOneLine() throws Exception {
    CliProcess missing = ior("-tps", TPS, "--", "no-such-command-ior-it");
    assertEquals(127, missing.waitFor(120), missing.err());
    assertEquals("ior: no-such-command-ior-it: command not found\n", missing.err());
    CliProcess cgroup = ior("-tps", TPS, "-cgroup", "/no-such-cgroup-ior-it", "--", "true");
    assertEquals(2, cgroup.waitFor(120), cgroup.err());
    assertTrue(cgroup.err().matches("ior: -cgroup /no-such-cgroup-ior-it: no such cgroup"
        + " \\(looked for /[^\n]*/no-such-cgroup-ior-it\\)\n"), cgroup.err());
    CliProcess user = ior("-tps", TPS, "-user", "no-such-user-ior-it", "--", "true");
    assertEquals(2, user.waitFor(120), user.err());
    assertEquals("ior: -user no-such-user-ior-it: no such user\n", user.err());
  }

  @Test
  void theTraceEndsWithTheCommandAndSaysWhatItLeftRunning() throws Exception {
    CliProcess ior = ior("-tps", TPS, "-o", "/dev/null", "--", "sh", "-c",
        "sleep 120 & echo $! > " + dir.resolve("bg.pid") + "; exit 0");
    assertEquals(0, ior.waitFor(120), ior.err());
    long sleeper = pidIn(dir.resolve("bg.pid"));
    try {
      // Without a command -duration defaults to 60 s; here the trace ends with sh.
      Matcher traced = Pattern.compile("ior: traced (\\d+)\\.\\d s").matcher(ior.err());
      assertTrue(traced.find(), ior.err());
      assertTrue(Integer.parseInt(traced.group(1)) < 30, ior.err());
      assertTrue(ior.err().contains("ior: 1 of its descendants is still running and no longer"
          + " traced: " + sleeper + " (sleep)\n"), ior.err());
    } finally {
      ProcessHandle.of(sleeper).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void theStreamGoesToTheFileAndTheCommandKeepsTheTerminal() throws Exception {
    Path csv = dir.resolve("trace.csv");
    CliProcess ior = ior("-tps", TPS, "-plain", "-o", csv.toString(), "--", "sh", "-c",
        "echo from-the-command; echo to-stderr >&2");
    assertEquals(0, ior.waitFor(120), ior.err());
    assertEquals("from-the-command\n", ior.out(), "stdout is the command's alone");
    assertTrue(ior.err().contains("to-stderr\n"), ior.err());
    String stream = Files.readString(csv);
    assertTrue(stream.startsWith(StreamSink.CSV_HEADER + "\n"), stream);
    assertTrue(StreamSink.CSV_HEADER.endsWith(",cgroup,container"), StreamSink.CSV_HEADER);
    assertTrue(stream.lines().anyMatch(l -> l.contains(",sh,") && l.contains(",write,")),
        "the echo's write is in the stream:\n" + stream);
  }

  @Test
  void underSudoTheCommandRunsAsTheInvokingUser() throws Exception {
    Path out = dir.resolve("id.txt");
    CliProcess ior = new CliProcess(Map.of("SUDO_UID", "65534", "SUDO_GID", "65534"), "ior",
        "-tps", TPS, "-o", "/dev/null", "--", "sh", "-c",
        "echo $(id -u) $(id -g) $HOME $(pwd) > " + out);
    assertEquals(0, ior.waitFor(120), ior.err());
    String home = Files.readAllLines(Path.of("/etc/passwd")).stream()
        .filter(l -> l.startsWith("nobody:")).map(l -> l.split(":")[5]).findFirst().orElse("/");
    assertEquals("65534 65534 " + home + " " + Path.of("").toAbsolutePath() + "\n",
        Files.readString(out), "sudo's user, its home, ior's working directory");
    CliProcess asRoot = new CliProcess(Map.of("SUDO_UID", "65534", "SUDO_GID", "65534"), "ior",
        "-tps", TPS, "-o", "/dev/null", "-user", "root", "--", "sh", "-c", "exit $(id -u)");
    assertEquals(0, asRoot.waitFor(120), "-user root overrides sudo's user: " + asRoot.err());
  }

  @Test
  void ctrlCGoesToTheCommandAndIorWaitsForItsEnd() throws Exception {
    Tmux.require();
    String ior = CliProcess.repo().resolve("bin/ior").toString();
    Path csv = dir.resolve("ctrlc.csv");
    Path bg = dir.resolve("bg.pid");
    String script = "trap 'echo got-int; sleep 1; echo clean > " + dir.resolve("cleaned")
        + "; exit 5' INT; sleep 120 & echo \\$! > " + bg + "; wait"; // \$! is the inner sh's
    try (Tmux t = new Tmux(dir, 120, 30, ior + " -tps '" + TPS + "' -plain -o " + csv
        + " -- sh -c \"" + script + "\"; echo IOR-EXIT=$?; sleep 600")) {
      t.await("until it exits", 120);
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (pidIn(bg) == 0 && System.nanoTime() < deadline) {
        Thread.sleep(50); // the trap is set once the background job's pid is written
      }
      t.keys("C-c");
      String screen = t.await("IOR-EXIT=", 60);
      assertTrue(screen.contains("got-int"), screen);
      assertTrue(screen.contains("IOR-EXIT=5"), "the command's status: " + screen);
      assertTrue(screen.contains(") exited with status 5"), screen);
      assertFalse(screen.contains("Exception"), screen);
      // The command's cleanup after Ctrl+C was traced (ior kept running until it exited).
      String cleaned = dir.resolve("cleaned").toString();
      assertTrue(Files.readString(csv).lines().anyMatch(l -> l.contains("," + cleaned + ",")),
          "the trap's write to " + cleaned + " is in the stream");
    } finally { // a background job ignores SIGINT: it outlives the command
      ProcessHandle.of(pidIn(bg)).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  /** The pid a shell wrote to {@code file} ($!), 0 while there is none yet. */
  private static long pidIn(Path file) throws java.io.IOException {
    String s = Files.exists(file) ? Files.readString(file).strip() : "";
    return s.matches("\\d+") ? Long.parseLong(s) : 0;
  }
}
