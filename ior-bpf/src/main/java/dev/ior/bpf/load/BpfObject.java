// SPDX-License-Identifier: Apache-2.0
package dev.ior.bpf.load;

import static dev.ior.core.decode.RecordLayout.*;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.LongByReference;
import dev.ior.bpf.TraceException;
import dev.ior.bpf.lib.LibBpf;
import dev.ior.bpf.lib.LibC;
import dev.ior.core.config.TraceConfig;
import dev.ior.core.syscall.Syscall;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * ior's BPF object through the libbpf life cycle: open from the jar resource → patch the
 * read-only config → size the ring → autoload only selected programs whose tracepoint exists →
 * load → attach → (trace) → detach and close, in reverse, exactly once.
 *
 * <pre>{@code
 * try (BpfObject bpf = BpfObject.open(config, syscalls, warnings::add)) {
 *   int ringFd = bpf.ringFd();
 *   ...
 * }
 * }</pre>
 */
public final class BpfObject implements AutoCloseable {
  private static final String RESOURCE = "/dev/ior/bpf/ior.bpf.o";

  private final Memory image;
  private Pointer obj;
  private final List<Pointer> links = new ArrayList<>();
  private final Set<String> loadedSched = new java.util.HashSet<>();
  private int attachedSyscalls;

  private BpfObject(Memory image, Pointer obj) {
    this.image = image;
    this.obj = obj;
  }

  /**
   * Opens, configures, loads and attaches.
   *
   * @param syscalls the selected syscalls
   * @param warn receives one line per skipped syscall or missing feature
   */
  public static BpfObject open(TraceConfig config, List<Syscall> syscalls, Consumer<String> warn)
      throws TraceException {
    Preflight.check();
    Tracefs tracefs = Tracefs.locate();
    Set<String> tracepoints = tracefs.syscallTracepoints();
    LibbpfLog.reset();
    // libelf reads the image in place until close: it must be native memory we keep.
    Memory image = readResource();
    Pointer obj = LibBpf.bpf_object__open_mem(image, image.size(), null);
    if (obj == null) {
      throw new TraceException("libbpf could not open the BPF object: "
          + LibC.strerror(Native.getLastError()) + " " + LibbpfLog.last(3));
    }
    BpfObject b = new BpfObject(image, obj);
    try {
      int forkOff = tracefs.forkChildPidOffset();
      b.configure(config, forkOff);
      Map<String, Syscall> wanted = new HashMap<>();
      for (Syscall s : syscalls) {
        if (tracepoints.contains(s.enterTracepoint()) && tracepoints.contains(s.exitTracepoint())) {
          wanted.put(s.name(), s);
        } else {
          warn.accept("skipping " + s.name() + ": this kernel has no tracepoint syscalls/"
              + s.enterTracepoint());
        }
      }
      if (forkOff < 0) {
        warn.accept("sched_process_fork has no child_pid field here: children of traced"
            + " processes start with empty fd tables");
      }
      b.selectPrograms(wanted, forkOff >= 0);
      b.load();
      b.attach(wanted);
      return b;
    } catch (TraceException | RuntimeException e) {
      b.close();
      throw e;
    }
  }

  private static Memory readResource() throws TraceException {
    try (InputStream in = BpfObject.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new TraceException("BPF object " + RESOURCE + " missing from the ior-bpf jar"
            + " (build with clang installed: ./quickstart.sh)");
      }
      byte[] bytes = in.readAllBytes();
      Memory m = new Memory(bytes.length);
      m.write(0, bytes, 0, bytes.length);
      return m;
    } catch (IOException e) {
      throw new TraceException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
    }
  }

  private void configure(TraceConfig c, int forkOff) throws TraceException {
    Pointer rodata = LibBpf.bpf_object__find_map_by_name(obj, ".rodata");
    LongByReference size = new LongByReference();
    Pointer cfg = rodata == null ? null : LibBpf.bpf_map__initial_value(rodata, size);
    if (cfg == null || size.getValue() != CONFIG_SIZE) {
      throw new TraceException("the BPF object's .rodata is not the expected struct ior_config ("
          + size.getValue() + " bytes, expected " + CONFIG_SIZE + "): ior-bpf was built wrongly");
    }
    // Written in place before load, as libbpf's generated skeletons do.
    cfg.setInt(CONFIG_SELF_PID, (int) ProcessHandle.current().pid());
    cfg.setInt(CONFIG_TARGET_PID, c.pid());
    cfg.setInt(CONFIG_TARGET_TID, c.tid());
    byte[] comm = c.comm() == null ? new byte[0] : c.comm().getBytes(StandardCharsets.UTF_8);
    cfg.setInt(CONFIG_COMM_LEN, comm.length);
    cfg.write(CONFIG_COMM, new byte[COMM_LEN], 0, COMM_LEN);
    cfg.write(CONFIG_COMM, comm, 0, comm.length);
    cfg.setLong(CONFIG_WAKEUP_BYTES, c.wakeupBytes());
    cfg.setInt(CONFIG_FORK_CHILD_OFF, Math.max(forkOff, 0));
    Pointer ring = LibBpf.bpf_object__find_map_by_name(obj, "ior_events");
    if (ring == null || LibBpf.bpf_map__set_max_entries(ring, (int) c.ringBytes()) != 0) {
      throw new TraceException("cannot size the ring buffer to " + c.ringBytes() + " bytes: "
          + LibC.strerror(Native.getLastError()));
    }
  }

  private void selectPrograms(Map<String, Syscall> wanted, boolean fork) {
    for (Pointer p = LibBpf.bpf_object__next_program(obj, null); p != null;
        p = LibBpf.bpf_object__next_program(obj, p)) {
      String name = LibBpf.bpf_program__name(p);
      boolean load;
      if (name.startsWith("enter_")) {
        load = wanted.containsKey(name.substring(6));
      } else if (name.startsWith("exit_")) {
        load = wanted.containsKey(name.substring(5));
      } else {
        load = fork || !name.equals("ior_sched_fork");
        if (load) {
          loadedSched.add(name);
        }
      }
      LibBpf.bpf_program__set_autoload(p, load);
    }
  }

  private void load() throws TraceException {
    int err = LibBpf.bpf_object__load(obj);
    if (err != 0) {
      String why = LibC.strerror(-err);
      String hint = err == -1 || err == -13
          ? " (run as root or grant CAP_BPF and CAP_PERFMON)"
          : err == -22 ? " (does this kernel support BPF ring buffers, Linux 5.8+?)" : "";
      throw new TraceException("loading the BPF programs failed: " + why + hint + "; libbpf: "
          + LibbpfLog.last(4));
    }
  }

  private void attach(Map<String, Syscall> wanted) throws TraceException {
    for (Pointer p = LibBpf.bpf_object__next_program(obj, null); p != null;
        p = LibBpf.bpf_object__next_program(obj, p)) {
      String name = LibBpf.bpf_program__name(p);
      String category;
      String tracepoint;
      if (name.startsWith("enter_") && wanted.containsKey(name.substring(6))) {
        category = "syscalls";
        tracepoint = "sys_" + name;
      } else if (name.startsWith("exit_") && wanted.containsKey(name.substring(5))) {
        category = "syscalls";
        tracepoint = "sys_" + name;
      } else if (loadedSched.contains(name)) {
        category = "sched";
        tracepoint = "sched_process_" + name.substring("ior_sched_".length());
      } else {
        continue;
      }
      Pointer link = LibBpf.bpf_program__attach_tracepoint(p, category, tracepoint);
      if (link == null) {
        int errno = Native.getLastError();
        throw new TraceException("failed to attach " + category + "/" + tracepoint + ": "
            + LibC.strerror(errno) + (errno == 1 || errno == 13
                ? " (run as root or grant CAP_BPF and CAP_PERFMON)" : ""));
      }
      links.add(link);
      if (category.equals("syscalls")) {
        attachedSyscalls++;
      }
    }
    attachedSyscalls /= 2;
  }

  /** Number of syscalls whose enter and exit are attached. */
  public int attachedSyscalls() {
    return attachedSyscalls;
  }

  /** The ring buffer map's fd. */
  public int ringFd() {
    return LibBpf.bpf_map__fd(LibBpf.bpf_object__find_map_by_name(obj, "ior_events"));
  }

  /** Records the kernel could not reserve (ring full), summed over CPUs. */
  public long drops() {
    int fd = LibBpf.bpf_map__fd(LibBpf.bpf_object__find_map_by_name(obj, "ior_drops"));
    int cpus = Math.max(1, LibBpf.libbpf_num_possible_cpus());
    Memory key = new Memory(4);
    key.setInt(0, 0);
    Memory values = new Memory(8L * cpus);
    if (LibBpf.bpf_map_lookup_elem(fd, key, values) != 0) {
      return -1;
    }
    long sum = 0;
    for (int i = 0; i < cpus; i++) {
      sum += values.getLong(8L * i);
    }
    return sum;
  }

  /**
   * Makes every program return at once without emitting: the trace's end, effective within
   * microseconds, long before {@link #detach()} completes.
   */
  public void stopEmitting() throws TraceException {
    Pointer bss = LibBpf.bpf_object__find_map_by_name(obj, ".bss");
    LongByReference size = new LongByReference();
    if (bss == null || LibBpf.bpf_map__initial_value(bss, size) == null || size.getValue() != 4) {
      throw new TraceException("the BPF object's .bss is not the expected stop flag");
    }
    Memory key = new Memory(4);
    key.setInt(0, 0);
    Memory value = new Memory(4);
    value.setInt(0, 1);
    if (LibBpf.bpf_map_update_elem(LibBpf.bpf_map__fd(bss), key, value, 0) != 0) {
      throw new TraceException("cannot stop the BPF programs: "
          + LibC.strerror(Native.getLastError()));
    }
  }

  /**
   * Detaches every program: no new records after this returns. Each tracepoint detach waits
   * for an RCU grace period in the kernel (~70 ms here), so 224 links one after another take
   * 15 s; detaching them from many threads at once lets the waits share grace periods.
   */
  public void detach() {
    if (links.isEmpty()) {
      return;
    }
    int threads = Math.min(links.size(), 64);
    java.util.concurrent.atomic.AtomicInteger next =
        new java.util.concurrent.atomic.AtomicInteger();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread w = new Thread(() -> {
        for (int i = next.getAndIncrement(); i < links.size(); i = next.getAndIncrement()) {
          LibBpf.bpf_link__destroy(links.get(i));
        }
      }, "ior-detach-" + t);
      w.start();
      workers.add(w);
    }
    boolean interrupted = false;
    for (Thread w : workers) {
      while (w.isAlive()) {
        try {
          w.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    links.clear();
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    detach();
    if (obj != null) {
      LibBpf.bpf_object__close(obj);
      obj = null;
    }
    image.close();
  }
}
