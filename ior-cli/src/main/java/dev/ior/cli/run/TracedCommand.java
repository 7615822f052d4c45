// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.run;

import dev.ior.core.trace.HeldProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code ior -- COMMAND}: the command, started held so that it cannot make a syscall before the
 * tracer is attached and its pid is in the traced set. It starts as a tiny shell gate, {@code sh
 * -c 'kill -STOP $$; exec "$@"'}, which stops itself; the gate's {@code kill} has returned (its
 * exit is behind it) so nothing is in flight while it is stopped. Once the trace runs, {@link
 * #release()} continues it and it execs COMMAND under the same pid: the exec, the dynamic loader
 * and everything after are traced. Under sudo {@code setpriv} first becomes the invoking user.
 * COMMAND inherits ior's terminal (stdin, stdout, stderr), environment and working directory.
 *
 * <pre>{@code
 * TracedCommand cmd = TracedCommand.startHeld(List.of("make", "-j4"), RunAs.choose(...));
 * TraceStream s = TraceStream.live(config).command(cmd); // follows its pid
 * s.startAsync();                                        // attaches, then releases it
 * int status = cmd.waitFor(); // 128+N when killed by signal N
 * }</pre>
 */
public final class TracedCommand implements HeldProcess {
  /** The shell gate: stop, then become the command (same pid). */
  static final String GATE = "kill -STOP $$ && exec \"$@\"";

  private final Process process;
  private final List<String> argv;
  private volatile boolean released;

  private TracedCommand(Process process, List<String> argv) {
    this.process = process;
    this.argv = List.copyOf(argv);
  }

  /**
   * Starts {@code argv} held, as {@code as} (null: as ior), and returns once it is stopped.
   * Makes ior a child subreaper first, so descendants orphaned by the command's end are
   * re-parented to ior and can be reported ({@link Descendants}).
   *
   * @throws IOException when COMMAND is not found (message "COMMAND: command not found"), the
   *     gate cannot be started, or it ended before stopping (e.g. setpriv refused)
   */
  public static TracedCommand startHeld(List<String> argv, RunAs as) throws IOException {
    String cannot = cannotRun(argv.get(0));
    if (cannot != null) {
      throw cannot.endsWith("command not found") ? new CommandNotFoundException(cannot)
          : new CommandNotExecutableException(cannot);
    }
    Posix.prctl(Posix.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0); // best effort: reports need it
    List<String> cmd = new ArrayList<>();
    if (as != null) {
      cmd.addAll(as.setprivArgs());
    }
    cmd.addAll(List.of("/bin/sh", "-c", GATE, "ior-gate"));
    cmd.addAll(argv);
    ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
    if (as != null) {
      as.applyTo(pb.environment());
    }
    TracedCommand c = new TracedCommand(pb.start(), argv);
    c.awaitStopped();
    // Killed before release (ior interrupted while attaching): never leave it stopped forever.
    Runtime.getRuntime().addShutdownHook(new Thread(c::killIfHeld, "ior-gate-cleanup"));
    return c;
  }

  private void awaitStopped() throws IOException {
    Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(argv.get(0) + " could not be started: the gate exited with status "
            + exitStatus());
      }
      try {
        String s = Files.readString(stat, StandardCharsets.UTF_8);
        char state = s.charAt(s.lastIndexOf(')') + 2); // "pid (comm) S ..."; comm may hold ')'
        if (state == 'T') {
          return;
        }
        Thread.sleep(1);
      } catch (IOException e) {
        // exited between the checks: the next round reports it
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        killIfHeld();
        throw new IOException("interrupted while starting " + argv.get(0), e);
      }
    }
    killIfHeld();
    throw new IOException(argv.get(0) + " could not be started: it did not stop within 30 s");
  }

  /**
   * Why the shell could not run {@code name}, as the shell says it, or null when it can: "NAME:
   * command not found" (exit 127), "NAME: is a directory" or "NAME: permission denied" (exit
   * 126, as env, timeout and strace exit for a command found but not executable).
   */
  static String cannotRun(String name) {
    String shown = dev.ior.cli.FlagValues.shown(name);
    if (onPath(name)) {
      return null;
    }
    if (name.contains("/")) {
      Path p = Path.of(name);
      if (Files.isDirectory(p)) {
        return shown + ": is a directory";
      }
      if (Files.exists(p)) {
        return shown + ": permission denied";
      }
    }
    return shown + ": command not found";
  }

  /** Whether {@code name} is an executable file, directly or on PATH (as the shell finds it). */
  static boolean onPath(String name) {
    if (name.contains("/")) {
      return Files.isExecutable(Path.of(name)) && !Files.isDirectory(Path.of(name));
    }
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String dir : path.split(":", -1)) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, name);
      if (Files.isExecutable(p) && !Files.isDirectory(p)) {
        return true;
      }
    }
    return false;
  }

  /** The command's pid (the gate's, kept through exec). */
  @Override
  public int pid() {
    return (int) process.pid();
  }

  /** The command's name, for messages. */
  public String name() {
    return argv.get(0);
  }

  /** Lets the held command run: it execs COMMAND now. */
  @Override
  public void release() {
    released = true;
    Posix.kill(pid(), Posix.SIGCONT);
  }

  /** Whether the command has not exited yet. */
  @Override
  public boolean isAlive() {
    return process.isAlive();
  }

  /** Waits for the command to exit. */
  public int waitFor() throws InterruptedException {
    return process.waitFor();
  }

  /** Waits at most {@code millis} for the command to exit; whether it has. */
  public boolean waitFor(long millis) throws InterruptedException {
    return process.waitFor(millis, TimeUnit.MILLISECONDS);
  }

  /** The exit status as a shell reports it: the code, or 128+N when killed by signal N. */
  public int exitStatus() {
    return process.exitValue(); // the JDK already maps a signal death to 0x80 + signal
  }

  /** The exit in words: "exited with status 3", "was killed by signal 9 (SIGKILL)". */
  public String describeExit() {
    int s = exitStatus();
    return s > 128 && s < 128 + 65 ? "was killed by signal " + (s - 128) + signalName(s - 128)
        : "exited with status " + s;
  }

  private static String signalName(int n) {
    String[] names = {"", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS",
        "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM"};
    return n < names.length ? " (" + names[n] + ")" : "";
  }

  /** Kills the command while it is still held (ior could not start the trace). */
  @Override
  public void killIfHeld() {
    if (!released && process.isAlive()) {
      Posix.kill(pid(), Posix.SIGKILL);
      try {
        process.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** COMMAND exists but is a directory or not executable; the shell's status for that is 126. */
  public static final class CommandNotExecutableException extends IOException {
    private static final long serialVersionUID = 1L;

    CommandNotExecutableException(String message) {
      super(message);
    }
  }

  /** COMMAND is not an executable on PATH; the shell's exit status for that is 127. */
  public static final class CommandNotFoundException extends IOException {
    private static final long serialVersionUID = 1L;

    CommandNotFoundException(String message) {
      super(message);
    }
  }
}
