// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ior.cli.stream.StreamSink;
import dev.ior.core.cgroup.CgroupMount;
import dev.ior.testdata.Workload;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-kernel pid set and cgroup filter, end to end: {@code ior -- COMMAND} and {@code -pid P
 * -follow} trace exactly the command's process tree (a decoy running the same workload beside it
 * must not appear), a forked child's first syscall included; {@code -cgroup} traces one of two
 * cgroups made here; containers are attributed from a Docker-like scope and a real Podman
 * container. Every row is checked against what iorwl.c does.
 */
class FollowCgroupIT {
  /** Every syscall iorwl makes, with the fd-duplicating ones so writes resolve to files. */
  static final String TPS = "_(open|openat|read|write|pwrite64|pread64|fsync|fcntl|dup2|dup3"
      + "|close|close_range|rename|unlink)$";
  static final String DOCKER_ID =
      "1f2e3d4c5b6a79880123456789abcdef0123456789abcdef0123456789abcdef";

  /**
   * {@code iorwl seq DIR}: syscall, file relative to DIR, return ("fd" for descriptors). The last
   * close is of a file renamed to b.txt and unlinked while open: the kernel (and strace) name it
   * {@code b.txt (deleted)}.
   */
  static final List<String> SEQ = List.of("open a.txt fd", "write a.txt 100",
      "pwrite64 a.txt 200", "fsync a.txt 0", "fcntl a.txt fd", "write a.txt 10", "dup2 a.txt fd",
      "write a.txt 20", "dup3 a.txt fd", "write a.txt 21", "close a.txt 0", "open . fd",
      "openat a.txt fd", "read a.txt 50", "pread64 a.txt 60", "rename a.txt 0", "unlink b.txt 0",
      "open missing -2", "close b.txt (deleted) 0", "close . 0");

  @TempDir Path dir;
  private final List<Path> cgroups = new ArrayList<>();
  private final List<Process> started = new ArrayList<>();

  @BeforeEach
  void requireBpf() throws IOException {
    Requirements.requireBpf();
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
  }

  @AfterEach
  void cleanUp() throws Exception {
    for (Process p : started) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    Collections.reverse(cgroups); // children first
    for (Path cg : cgroups) {
      Files.deleteIfExists(cg);
    }
  }

  /** {@code iorwl seq DIR} as the expected rows, sorted. */
  static List<String> seq() {
    return SEQ.stream().sorted().collect(Collectors.toList());
  }

  /**
   * {@code iorwl spawn DIR}, sorted: the parent's spawn.txt calls, the child's close before its
   * exec, and the exec'd {@code iorwl threads DIR}: per thread an open, 10 writes, a close.
   */
  static List<String> spawn() {
    List<String> rows = new ArrayList<>(List.of("open spawn.txt fd", "write spawn.txt 5",
        "close spawn.txt 0", "write spawn.txt 6", "close spawn.txt 0"));
    for (String t : List.of("t1.dat", "t2.dat")) {
      rows.add("open " + t + " fd");
      rows.addAll(Collections.nCopies(10, "write " + t + " 1000"));
      rows.add("close " + t + " 0");
    }
    rows.sort(null);
    return rows;
  }

  @Test
  void aCommandIsTracedWithEveryProcessItStartsAndNothingElse() throws Exception {
    Path d1 = Files.createDirectories(dir.resolve("spawn"));
    Path d2 = Files.createDirectories(dir.resolve("seq"));
    Path decoy = Files.createDirectories(dir.resolve("decoy"));
    Path csv = dir.resolve("trace.csv");
    String wl = Workload.binary().toString();
    Process decoys = new ProcessBuilder("sh", "-c", "while :; do " + wl + " seq " + decoy
        + "; done").start();
    started.add(decoys);
    CliProcess ior = new CliProcess("ior", "-tps", TPS, "-plain", "-o", csv.toString(), "--",
        "sh", "-c", wl + " spawn " + d1 + " & " + wl + " seq " + d2 + "; wait");
    assertEquals(0, ior.waitFor(180), ior.err());
    int pid = commandPid(ior.err());
    List<Row> rows = Row.read(csv);

    assertEquals(seq(), Row.under(rows, d2), "iorwl seq, every call");
    assertEquals(spawn(), Row.under(rows, d1), "iorwl spawn, its child and the exec'd program");
    assertTrue(rows.stream().anyMatch(r -> r.pid == pid && r.comm.equals("sh")
            && r.syscall.equals("openat") && r.file.equals("/etc/ld.so.cache")),
        "the command's dynamic loader, right after its exec, is traced");
    assertEquals(List.of(), Row.under(rows, decoy), "nothing of the decoy beside it");
    Set<String> comms = rows.stream().map(r -> r.comm)
        .collect(Collectors.toCollection(TreeSet::new));
    assertTrue(comms.stream().allMatch(c -> c.equals("sh") || c.startsWith("iorwl")),
        "only the command's processes: " + comms);
  }

  @Test
  void aForkedChildsFirstSyscallIsTraced() throws Exception {
    Path csv = dir.resolve("fork.csv");
    CliProcess ior = new CliProcess("ior", "-tps", TPS, "-plain", "-o", csv.toString(), "--",
        Workload.binary().toString(), "forkwrite", "50", dir.toString());
    assertEquals(0, ior.waitFor(180), ior.err());
    int parent = commandPid(ior.err());
    List<Row> writes = Row.read(csv).stream()
        .filter(r -> r.syscall.equals("write") && r.file.endsWith("/forkwrite.txt"))
        .collect(Collectors.toList());
    assertEquals(50, writes.size(), "each child's only syscall, a write right after fork");
    assertEquals(50, writes.stream().mapToInt(r -> r.pid).distinct().count());
    assertTrue(writes.stream().allMatch(r -> r.pid != parent && r.ret == 3), writes.toString());
  }

  @Test
  void pidFollowTracesWhatAProcessStartsFromNowOn() throws Exception {
    Path d = Files.createDirectories(dir.resolve("follow"));
    Path decoy = Files.createDirectories(dir.resolve("decoy"));
    Held w = Held.start(Workload.binary().toString(), "spawn", d.toString());
    started.add(w.process);
    CliProcess ior = new CliProcess("ior", "-pid", Long.toString(w.process.pid()), "-follow",
        "-tps", TPS, "-plain", "-duration", "0");
    ior.awaitErr("Ctrl+C to stop", 120);
    w.release();
    Requirements.runWorkload("seq", decoy);
    assertEquals(0, w.process.waitFor(), "iorwl spawn");
    assertEquals(0, ior.waitFor(120), "the trace ends with the process: " + ior.err());
    assertTrue(ior.err().contains("ior: process " + w.process.pid() + " exited; the trace ends"),
        ior.err());
    List<Row> rows = Row.parse(ior.out());
    assertEquals(spawn(), Row.under(rows, d), "the parent and the child it forked and exec'd");
    assertEquals(List.of(), Row.under(rows, decoy));
  }

  @Test
  void cgroupTracesOneOfTwoCgroupsAndLabelsItsRows() throws Exception {
    Path mount = cgroupMount();
    String name = "ior-it-" + ProcessHandle.current().pid();
    Path a = mkdir(mount.resolve(name + "-a"));
    Path b = mkdir(mount.resolve(name + "-b"));
    Path da = Files.createDirectories(dir.resolve("a"));
    Path db = Files.createDirectories(dir.resolve("b"));
    Held wa = Held.start(Workload.binary().toString(), "seq", da.toString()).into(a);
    Held wb = Held.start(Workload.binary().toString(), "seq", db.toString()).into(b);
    started.addAll(List.of(wa.process, wb.process));
    CliProcess ior = new CliProcess("ior", "-cgroup", "/" + name + "-a", "-tps", TPS, "-plain",
        "-duration", "0");
    ior.awaitErr("Ctrl+C to stop", 120);
    wa.release();
    wb.release();
    assertEquals(0, wa.process.waitFor());
    assertEquals(0, wb.process.waitFor());
    Thread.sleep(300);
    ior.signal("TERM");
    assertEquals(143, ior.waitFor(120), ior.err());
    List<Row> rows = Row.parse(ior.out());
    assertEquals(seq(), Row.under(rows, da), "the workload in cgroup a, every call");
    assertEquals(List.of(), Row.under(rows, db), "nothing of cgroup b");
    assertTrue(rows.stream().allMatch(r -> r.cgroup.equals("/" + name + "-a")
        && r.container.equals(r.cgroup)), "each row's cgroup; no container: the path");
  }

  @Test
  void aDockerScopeIsAttributedAndFilteredAsAContainer() throws Exception {
    Path mount = cgroupMount();
    Path parent = mkdir(mount.resolve("ior-it-" + ProcessHandle.current().pid() + "-d"));
    Path scope = mkdir(parent.resolve("docker-" + DOCKER_ID + ".scope"));
    Path inside = Files.createDirectories(dir.resolve("inside"));
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Held w = Held.start(Workload.binary().toString(), "seq", inside.toString()).into(scope);
    started.add(w.process);
    CliProcess ior = new CliProcess("ior", "-container", DOCKER_ID.substring(0, 8), "-tps", TPS,
        "-format", "json", "-duration", "0");
    ior.awaitErr("Ctrl+C to stop", 120);
    w.release();
    Requirements.runWorkload("seq", outside);
    assertEquals(0, w.process.waitFor());
    Thread.sleep(300);
    ior.signal("TERM");
    assertEquals(143, ior.waitFor(120), ior.err());
    String json = ior.out();
    String cgroup = "/" + mount.relativize(scope);
    long rows = json.lines().filter(l -> l.contains("\"file\":\"" + inside + "/a.txt\"")
        && l.contains("\"cgroup\":\"" + cgroup + "\"")
        && l.contains("\"container\":\"docker:" + DOCKER_ID.substring(0, 12) + "\"")).count();
    assertTrue(rows >= 10, "a.txt calls inside the scope, attributed: " + json);
    assertFalse(json.contains(outside.toString()), "-container leaves out the rest");
  }

  @Test
  void aPodmanContainerIsAttributed() throws Exception {
    Path rootfs = Files.createDirectories(dir.resolve("rootfs"));
    for (String d : List.of("proc", "sys", "dev", "etc", "tmp", "out")) {
      Files.createDirectories(rootfs.resolve(d));
    }
    Files.copy(Workload.staticBinary(), rootfs.resolve("iorwl"));
    rootfs.resolve("iorwl").toFile().setExecutable(true, false);
    Path cidFile = dir.resolve("cid");
    List<String> podman = Podman.runCommand(rootfs, cidFile, "/iorwl", "seq", "/out");
    CliProcess ior = new CliProcess("ior", "-comm", Workload.COMM, "-tps", TPS, "-plain",
        "-duration", "0");
    ior.awaitErr("Ctrl+C to stop", 120);
    Process p = new ProcessBuilder(podman).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), String.join(" ", podman) + ":\n" + out);
    Thread.sleep(300);
    ior.signal("TERM");
    assertEquals(143, ior.waitFor(120), ior.err());
    String cid = Files.readString(cidFile).strip();
    List<Row> inContainer = Row.parse(ior.out()).stream()
        .filter(r -> r.file.equals("/out/a.txt")).collect(Collectors.toList());
    assertFalse(inContainer.isEmpty(), "the container's calls: " + ior.out());
    assertTrue(inContainer.stream().allMatch(r -> r.container.equals("podman:"
        + cid.substring(0, 12)) && r.cgroup.contains("libpod-" + cid)), inContainer.toString());
  }

  private static int commandPid(String err) {
    Matcher m = Pattern.compile("ior: tracing \\d+ syscalls of \\S+ \\(pid (\\d+)\\)").matcher(err);
    assertTrue(m.find(), err);
    return Integer.parseInt(m.group(1));
  }

  private static Path cgroupMount() throws IOException {
    return CgroupMount.fromProc().orElseThrow(() -> new AssertionError("no cgroup2 mount")).dir();
  }

  private Path mkdir(Path cgroup) throws IOException {
    Files.createDirectory(cgroup);
    cgroups.add(cgroup);
    return cgroup;
  }

  /** A workload started with IORWL_WAIT: it waits for a line on stdin. */
  static final class Held {
    final Process process;

    private Held(Process process) {
      this.process = process;
    }

    static Held start(String... argv) throws IOException {
      ProcessBuilder pb = new ProcessBuilder(argv).redirectOutput(ProcessBuilder.Redirect.INHERIT)
          .redirectError(ProcessBuilder.Redirect.INHERIT);
      pb.environment().put("IORWL_WAIT", "1");
      return new Held(pb.start());
    }

    /** Moves the held workload into {@code cgroup}. */
    Held into(Path cgroup) throws IOException {
      Files.writeString(cgroup.resolve("cgroup.procs"), Long.toString(process.pid()));
      return this;
    }

    void release() throws IOException {
      try (OutputStream in = process.getOutputStream()) {
        in.write('\n');
      }
    }
  }

  /** One CSV row of the stream (the columns the assertions need, found by the header). */
  static final class Row {
    final String comm;
    final int pid;
    final String syscall;
    final long ret;
    final String file;
    final String cgroup;
    final String container;

    private Row(List<String> header, String[] f) {
      comm = f[header.indexOf("comm")];
      pid = Integer.parseInt(f[header.indexOf("pid")]);
      syscall = f[header.indexOf("syscall")];
      ret = Long.parseLong(f[header.indexOf("ret")]);
      file = f[header.indexOf("file")];
      cgroup = f[header.indexOf("cgroup")];
      container = f[header.indexOf("container")];
    }

    static List<Row> read(Path csv) throws IOException {
      return parse(Files.readString(csv));
    }

    /** The rows of a CSV stream whose names hold no commas (the test's own paths). */
    static List<Row> parse(String csv) {
      List<String> header = List.of(StreamSink.CSV_HEADER.split(","));
      List<Row> rows = new ArrayList<>();
      for (String line : csv.split("\n")) {
        if (line.isEmpty() || line.equals(StreamSink.CSV_HEADER)) {
          continue;
        }
        rows.add(new Row(header, line.split(",", -1)));
      }
      return rows;
    }

    /** The rows on files in {@code d} as "syscall name return", sorted. */
    static List<String> under(List<Row> rows, Path d) {
      String prefix = d.toString();
      List<String> out = new ArrayList<>();
      for (Row r : rows) {
        if (!r.file.equals(prefix) && !r.file.startsWith(prefix + "/")) {
          continue;
        }
        String name = r.file.equals(prefix) ? "." : r.file.substring(prefix.length() + 1);
        boolean fd = r.ret >= 0 && Set.of("open", "openat", "fcntl", "dup2", "dup3")
            .contains(r.syscall);
        out.add(r.syscall + " " + name + " " + (fd ? "fd" : Long.toString(r.ret)));
      }
      out.sort(null);
      return out;
    }

    @Override
    public String toString() {
      return comm + "@" + pid + " " + syscall + "=>" + ret + " " + file;
    }
  }

  /** Podman with a runtime that works on this machine's cgroup layout. */
  static final class Podman {
    private Podman() {}

    /**
     * The podman command that runs {@code argv} in a container made from {@code rootfs}; skips
     * (or fails with IOR_REQUIRE_TOOLS=1) without podman. On hybrid cgroup machines crun refuses
     * ("cgroups in hybrid mode not supported"), so runc is used where it is installed.
     */
    static List<String> runCommand(Path rootfs, Path cidFile, String... argv) {
      if (!onPath("podman")) {
        if ("1".equals(System.getenv("IOR_REQUIRE_TOOLS"))) {
          fail("needs podman and runc (apt-get install podman runc)");
        }
        System.err.println("SKIPPED: needs podman (apt-get install podman runc)");
        Assumptions.abort("podman not installed");
      }
      List<String> cmd = new ArrayList<>(List.of("podman"));
      if (onPath("runc")) {
        cmd.addAll(List.of("--runtime", "runc"));
      }
      // Fixed limits: podman's defaults exceed what a container without CAP_SYS_RESOURCE
      // (like the CI machine itself) may set.
      cmd.addAll(List.of("run", "--rm", "--network", "none", "--cidfile", cidFile.toString(),
          "--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024", "--rootfs",
          rootfs.toString()));
      cmd.addAll(List.of(argv));
      return cmd;
    }

    private static boolean onPath(String tool) {
      for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
        if (Files.isExecutable(Path.of(d, tool))) {
          return true;
        }
      }
      return false;
    }
  }
}
