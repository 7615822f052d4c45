// SPDX-License-Identifier: Apache-2.0
package dev.ior.testdata.diff;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Builds a batch of programs (gcc -static) and runs all of them once under
 * {@code strace -f -y} and once under {@code ior -format json -- sh driver}, each copy in a fresh
 * directory of its tracer's run root, with fds 5 and 6 opened by the shell and the working
 * directory set before start. One tracer process per batch: ior's start-up (JVM, BPF attach)
 * is paid once, not per program.
 */
public final class Runner {
  /** Every syscall the programs make that is compared (ior's spelling). */
  public static final List<String> SYSCALLS = List.of("open", "openat", "openat2", "creat", "close",
      "close_range", "dup", "dup2", "dup3", "fcntl", "read", "write", "pread64", "pwrite64", "readv",
      "writev", "lseek", "fsync", "fdatasync", "sync_file_range", "syncfs", "ftruncate", "truncate",
      "newfstatat", "statx", "fchmod", "fchown", "utimensat", "fsetxattr", "fgetxattr", "sendfile64",
      "copy_file_range", "splice", "rename", "renameat", "renameat2", "link", "linkat", "unlink",
      "unlinkat", "symlink", "symlinkat", "mkdir", "mkdirat", "rmdir", "getdents64", "chdir", "fchdir", "chroot",
      "pipe", "pipe2", "socketpair", "socket", "bind", "listen", "connect", "accept4", "sendmsg",
      "recvmsg", "eventfd2", "timerfd_create", "signalfd4", "epoll_create1", "epoll_ctl",
      "inotify_init1", "inotify_add_watch", "memfd_create", "pidfd_open", "pidfd_getfd",
      "io_uring_setup", "mmap", "msync", "munmap", "clone", "clone3", "fork", "vfork", "execve",
      "faccessat", "access", "faccessat2", "readlinkat", "readlink", "chmod", "fchmodat", "chown",
      "lchown", "fchownat", "statfs", "setxattr", "getxattr", "lgetxattr", "listxattr",
      "removexattr", "mknodat", "mknod", "utimes", "utime", "futimesat", "name_to_handle_at",
      "preadv", "pwritev", "preadv2", "pwritev2", "fallocate", "fadvise64", "readahead", "flock",
      "fstatfs", "newfstat", "getdents", "ioctl", "flistxattr", "fremovexattr", "newstat",
      "newlstat", "lsetxattr", "llistxattr", "lremovexattr", "mount", "umount", "fanotify_init",
      "fanotify_mark", "userfaultfd", "perf_event_open", "bpf", "landlock_create_ruleset",
      "fsopen", "open_tree", "open_by_handle_at", "tee", "io_uring_enter");
  private final Path work;
  private final Path ior;

  /**
   * @param work a directory of the harness's own (binaries, run roots, raw outputs)
   * @param ior the {@code bin/ior} launcher under test
   */
  public Runner(Path work, Path ior) {
    this.work = work;
    this.ior = ior;
  }

  /**
   * What one batch gave: raw outputs and, per program, both tracers' calls; and what the
   * programs left in the host's root directory, which both tracers' runs share (a program that
   * writes there can see the other run's file: its calls then differ for that reason alone).
   */
  public record Batch(String straceText, String iorText, String iorErr,
      Map<String, List<Call>> strace, Map<String, List<Call>> ior, String straceRoot,
      String iorRoot, List<String> leftInRoot) {
    /** {@return what ior said it lost in this batch}: with any, calls cannot be compared */
    public IorLosses losses() {
      return IorLosses.of(iorErr);
    }
  }

  /** ior's ring for a batch run again after losses: four times the default. */
  public static final String RETRY_RING = "64M";

  /**
   * Runs {@code programs} as {@link #run(List)} does and, when ior lost records or names (its
   * consumer fell behind, as on a loaded machine with long paths), once more with a {@link
   * #RETRY_RING} ring. The batch's {@link Batch#losses()} then say whether it can be compared.
   *
   * @param note told why the batch runs again, when it does
   * @throws IOException when a program does not compile or a tracer cannot be started
   */
  public Batch runWithoutLoss(List<Program> programs, Consumer<String> note)
      throws IOException, InterruptedException {
    Batch b = run(programs);
    IorLosses lost = b.losses();
    if (!lost.any()) {
      return b;
    }
    note.accept("ior lost " + lost + " in this batch; running it again with a " + RETRY_RING
        + " ring");
    b = null; // gigabytes with long paths (two traces' text and calls): not kept for two runs
    return run(programs, RETRY_RING);
  }

  /**
   * Compiles and runs {@code programs} under both tracers, ior with its default ring.
   *
   * @throws IOException when a program does not compile or a tracer cannot be started
   */
  public Batch run(List<Program> programs) throws IOException, InterruptedException {
    return run(programs, null);
  }

  /**
   * Compiles and runs {@code programs} under both tracers.
   *
   * @param mapSize ior's ring size ({@code -mapSize}), or null for its default
   * @throws IOException when a program does not compile or a tracer cannot be started
   */
  public Batch run(List<Program> programs, String mapSize)
      throws IOException, InterruptedException {
    Path bin = work.resolve("bin");
    compile(programs, bin);
    Path sRoot = work.resolve("run-s");
    Path iRoot = work.resolve("run-i");
    Path sDriver = driver(programs, bin, sRoot);
    Path iDriver = driver(programs, bin, iRoot);
    String trace = SYSCALLS.stream().map(StraceParser::straceName)
        .collect(Collectors.joining(","));
    Path sOut = work.resolve("strace.txt");
    Path iOut = work.resolve("ior.json");
    Path iErr = work.resolve("ior.err");
    int timeout = 60 + 3 * programs.size();
    Set<String> rootBefore = rootEntries();
    exec(List.of("strace", "-f", "-y", "-qq", "-X", "raw", "-e", "signal=none", "-e",
        "trace=" + trace, "-o", sOut.toString(), "sh", sDriver.toString()), null, timeout);
    // -user root: under sudo ior would run the command as the invoking user, strace as root.
    List<String> iorCmd = new ArrayList<>(List.of(ior.toString(), "-format", "json", "-o",
        iOut.toString(), "-syscalls", String.join(",", SYSCALLS), "-user", "root"));
    if (mapSize != null) {
      iorCmd.addAll(List.of("-mapSize", mapSize));
    }
    iorCmd.addAll(List.of("--", "sh", iDriver.toString()));
    exec(iorCmd, iErr, timeout);
    // The programs' trees can be deeper than PATH_MAX (kind long_path): rm -rf removes them,
    // java.nio (a JUnit @TempDir) cannot.
    deleteTree(sRoot);
    deleteTree(iRoot);
    List<String> leftInRoot = new ArrayList<>(rootEntries());
    leftInRoot.removeAll(rootBefore);
    String st = Files.readString(sOut, StandardCharsets.UTF_8);
    String it = Files.exists(iOut) ? Files.readString(iOut, StandardCharsets.UTF_8) : "";
    return new Batch(st, it, Files.readString(iErr, StandardCharsets.UTF_8),
        Segments.split(StraceParser.parse(st), Segments::straceMarker),
        Segments.split(IorJsonParser.parse(it), Segments::iorMarker), sRoot.toString(),
        iRoot.toString(), leftInRoot);
  }

  /** The names in the host's root directory, sorted. */
  private static Set<String> rootEntries() throws IOException {
    try (Stream<Path> s = Files.list(Path.of("/"))) {
      return s.map(Path::toString).collect(Collectors.toCollection(TreeSet::new));
    }
  }

  /**
   * Builds one static binary for the whole batch (one link instead of one per program: linking
   * static is most of the cost) and a hard link per program named after it; the binary's main
   * calls the program its argv[0] names, so each program keeps its own comm.
   */
  private static void compile(List<Program> programs, Path bin)
      throws IOException, InterruptedException {
    deleteTree(bin);
    Files.createDirectories(bin);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<String> objects = new ArrayList<>();
    StringBuilder dispatch = new StringBuilder("#include <string.h>\n");
    StringBuilder cases = new StringBuilder();
    try {
      List<Future<?>> jobs = new ArrayList<>();
      for (Program p : programs) {
        Path src = bin.resolve(p.name() + ".c");
        Path obj = bin.resolve(p.name() + ".o");
        objects.add(obj.toString());
        dispatch.append("int ").append(p.entry()).append("(int argc, char **argv);\n");
        cases.append("  if (strcmp(n, \"").append(p.name()).append("\") == 0) return ")
            .append(p.entry()).append("(argc, argv);\n");
        jobs.add(pool.submit(() -> {
          Files.writeString(src, p.unit(), StandardCharsets.UTF_8);
          exec(List.of("gcc", "-c", "-O0", "-w", "-pthread", "-o", obj.toString(), src.toString()),
              null, 300);
          return null;
        }));
      }
      for (Future<?> j : jobs) {
        j.get();
      }
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IOException(e.getCause().getMessage(), e.getCause());
    } finally {
      pool.shutdown();
    }
    dispatch.append("int main(int argc, char **argv) {\n  const char *n = strrchr(argv[0], '/');\n")
        .append("  n = n ? n + 1 : argv[0];\n").append(cases).append("  return 127;\n}\n");
    Path main = bin.resolve("batch-main.c");
    Files.writeString(main, dispatch.toString(), StandardCharsets.UTF_8);
    Path exe = bin.resolve("batch");
    List<String> link = new ArrayList<>(List.of("gcc", "-static", "-O0", "-w", "-pthread", "-o",
        exe.toString(), main.toString()));
    link.addAll(objects);
    exec(link, null, 300);
    for (Program p : programs) {
      Files.createLink(bin.resolve(p.name()), exe);
    }
  }

  /** A shell script running each program in a fresh directory with inherited fds 5 and 6. */
  private static Path driver(List<Program> programs, Path bin, Path root)
      throws IOException, InterruptedException {
    deleteTree(root);
    StringBuilder sh = new StringBuilder("# generated by dev.ior.testdata.diff.Runner\n");
    for (Program p : programs) {
      Path dir = Files.createDirectories(root.resolve(p.name()));
      Files.writeString(dir.resolve("in.txt"), "inherited from the shell\n");
      Files.writeString(dir.resolve("stdin.txt"), "");
      // stdin is a file of the program's own, not /dev/null: programs fchmod, fchown and
      // fsetxattr random fds as root (an fchmod of fd 0 once left the machine's /dev/null at
      // 0640, which broke every unprivileged writer of /dev/null).
      sh.append("cd ").append(dir).append(" && ").append(bin.resolve(p.name()))
          .append(" 5<in.txt 6>>log.txt <stdin.txt >out.txt 2>&1\n");
    }
    Path script = root.resolveSibling(root.getFileName() + ".sh");
    Files.writeString(script, sh.toString());
    return script;
  }

  static void deleteTree(Path root) throws IOException, InterruptedException {
    if (Files.exists(root)) {
      exec(List.of("rm", "-rf", root.toString()), null, 120);
    }
  }

  private static String exec(List<String> cmd, Path err, int seconds)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(
        Path.of("/dev/null").toFile()));
    if (err != null) {
      pb.redirectError(err.toFile());
      pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    } else {
      pb.redirectErrorStream(true);
    }
    Process p = pb.start();
    String out = err == null ? new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
        : "";
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.destroy();
      p.waitFor(10, TimeUnit.SECONDS);
      throw new IOException(cmd.get(0) + " did not finish within " + seconds + " s");
    }
    if (cmd.get(0).equals("gcc") && p.exitValue() != 0) {
      throw new IOException("gcc failed: " + out);
    }
    return out;
  }
}
