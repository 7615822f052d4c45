// SPDX-License-Identifier: Apache-2.0
package dev.ior.bpf.load;

import static dev.ior.core.internal.decode.RecordLayout.*;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import dev.ior.bpf.TraceException;
import dev.ior.bpf.internal.lib.LibBpf;
import dev.ior.bpf.internal.lib.LibC;
import dev.ior.core.config.TraceConfig;
import dev.ior.core.stack.StackPolicy;
import dev.ior.core.syscall.Arch;
import dev.ior.core.syscall.IoKind;
import dev.ior.core.syscall.Shape;
import dev.ior.core.syscall.Syscall;
import dev.ior.core.syscall.SyscallNumbers;
import dev.ior.core.syscall.SyscallSelection;
import dev.ior.core.syscall.SyscallTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * ior's BPF object through the libbpf life cycle: open from the jar resource → size the ring →
 * load (the kernel's BTF and the verifier: most of a start's time) → write the configuration,
 * the syscall table and pid set → attach the programs → (trace) → detach and close, in reverse,
 * exactly once. The load needs nothing but the ring's size, so that it can run before the rest of
 * the configuration is known ({@link #load}, then {@link #start}).
 *
 * <pre>{@code
 * try (BpfObject bpf = BpfObject.open(config, table, syscalls, warnings::add)) {
 *   int ringFd = bpf.ringFd();
 *   ...
 * }
 * }</pre>
 */
public final class BpfObject implements AutoCloseable {
  private static final String RESOURCE = "/dev/ior/bpf/ior.bpf.o";
  /** The section of struct ior_config in ior.bpf.c: one array map of one element. */
  private static final String CONFIG_SECTION = ".data.cfg";
  /**
   * Loss slot of map ior_drops (enum ior_loss in ior.bpf.c): records the ring buffer had no room
   * for.
   */
  public static final int LOSS_RING = 0;
  /** Loss slot: calls not traced because the thread got no per-thread state (task storage). */
  public static final int LOSS_STORAGE = 1;
  /** Loss slot: names (of files, paths) the kernel could not hand over. */
  public static final int LOSS_NAME = 2;
  private static final int LOSS_SLOTS = 4;
  /** offsetof(struct bpf_prog_info, recursion_misses) and its size (a field since Linux 5.12; uapi bpf.h). */
  static final int PROG_INFO_RECURSION_MISSES = 208;
  static final int PROG_INFO_SIZE = 232;

  private final Memory image;
  private Pointer obj;
  private final List<Pointer> links = new ArrayList<>();
  private final List<Syscall> attached = new ArrayList<>();
  private SyscallTable numbered;
  private SyscallNumbers nativeNumbers;
  private SyscallNumbers compatNumbers;
  private SyscallSelection.Spec selection;
  private final long ringBytes;
  private boolean started;

  private BpfObject(Memory image, Pointer obj, long ringBytes) {
    this.image = image;
    this.obj = obj;
    this.ringBytes = ringBytes;
  }

  /**
   * Opens, configures, loads and attaches.
   *
   * @param syscalls the selected syscalls
   * @param warn receives one line per selected syscall this arch does not have, and similar
   * @param config the kernel filters (pid, tid, comm, cgroup, follow) and the ring's size
   * @param table ior's syscall table, naming the selected syscalls' ids
   * @return the loaded, attached object; close it to detach
   * @throws TraceException with a one-line reason and the fix
   */
  public static BpfObject open(TraceConfig config, SyscallTable table, List<Syscall> syscalls,
      Consumer<String> warn) throws TraceException {
    return open(config, StackPolicy.OFF, table, syscalls, warn, () -> {});
  }

  /**
   * Like {@link #open(TraceConfig, SyscallTable, List, Consumer)}, taking the user stacks of the
   * calls {@code stacks} selects (their frames reach user space in the ring, IOR_STACK_FRAMES).
   *
   * @param beforeAttach runs after the programs loaded, just before they attach: work whose own
   *     I/O must not be traced, and notes that belong before the attach (the IA-32 probe's)
   * @param config the kernel filters (pid, tid, comm, cgroup, follow) and the ring's size
   * @param stacks which calls' user stacks to take
   * @param table ior's syscall table, naming the selected syscalls' ids
   * @param syscalls the selected syscalls
   * @param warn receives one line per selected syscall this arch does not have, and similar
   * @return the loaded, attached object; close it to detach
   * @throws TraceException with a one-line reason and the fix
   */
  public static BpfObject open(TraceConfig config, StackPolicy stacks, SyscallTable table,
      List<Syscall> syscalls, Consumer<String> warn, Runnable beforeAttach)
      throws TraceException {
    BpfObject b = load(config.ringBytes());
    try {
      b.start(config, stacks, table, syscalls, warn, beforeAttach);
      return b;
    } catch (TraceException | RuntimeException e) {
      b.close();
      throw e;
    }
  }

  /**
   * Opens and loads the programs with a ring of {@code ringBytes}, neither configured nor
   * attached: the part of a start that takes time (the kernel's BTF and the verifier, 0.1-0.3 s)
   * and that no setting but the ring's size changes. Then {@link #start}, or {@link #close}.
   *
   * @param ringBytes the ring buffer's size: a power of two, a multiple of the page size
   * @return the loaded object
   * @throws TraceException with a one-line reason and the fix (privileges, kernel, a bad build)
   */
  public static BpfObject load(long ringBytes) throws TraceException {
    Preflight.check();
    if (Arch.running() != Arch.X86_64) {
      throw new TraceException("ior traces x86_64 kernels only so far (this is "
          + System.getProperty("os.arch") + ")");
    }
    // libbpf calls its log function for every line it writes, debug ones too: ~2,400 JNA upcalls
    // in a load, ~10 ms of the start. Loads go unheard; one that fails is done again heard, so
    // that its error quotes libbpf's warnings.
    LibbpfLog.mute();
    try {
      return openAndLoad(ringBytes);
    } catch (TraceException | RuntimeException e) {
      LibbpfLog.listen();
      return openAndLoad(ringBytes);
    } finally {
      LibbpfLog.listen(); // for the attach and the maps' updates
    }
  }

  private static BpfObject openAndLoad(long ringBytes) throws TraceException {
    LibbpfLog.reset();
    // libelf reads the image in place until close: it must be native memory we keep.
    Memory image = readResource();
    Pointer obj = LibBpf.bpf_object__open_mem(image, image.size(), null);
    if (obj == null) {
      throw new TraceException("libbpf could not open the BPF object: "
          + LibC.strerror(Native.getLastError()) + " " + LibbpfLog.last(3));
    }
    BpfObject b = new BpfObject(image, obj, ringBytes);
    try {
      b.checkConfigSection();
      if (LibBpf.bpf_map__set_max_entries(b.map("ior_events"), (int) ringBytes) != 0) {
        throw new TraceException("cannot size the ring buffer to " + ringBytes + " bytes: "
            + LibC.strerror(Native.getLastError()));
      }
      b.load();
      // The shipped table's numbers now, on the loading thread (beside the caller's parsing in
      // a preload): start() would read them after the load, on the way to the attach.
      b.number(SyscallTable.standard());
      return b;
    } catch (TraceException | RuntimeException e) {
      b.close();
      throw e;
    }
  }

  /** {@return the ring buffer's size in bytes, as loaded} */
  public long ringBytes() {
    return ringBytes;
  }

  /**
   * Configures a {@link #load loaded} object and attaches its programs; once.
   *
   * @param config the kernel filters (pid, tid, comm, cgroup, follow); its ring size must be the
   *     one loaded
   * @param stacks which calls' user stacks to take
   * @param table ior's syscall table, naming the selected syscalls' ids
   * @param syscalls the selected syscalls
   * @param warn receives one line per selected syscall this arch does not have, and similar
   * @param beforeAttach runs just before the programs attach: work whose own I/O must not be
   *     traced, and notes that belong before the attach (the IA-32 probe's)
   * @throws TraceException with a one-line reason and the fix; the object is then still loaded,
   *     for {@link #close}
   * @throws IllegalStateException when started before, or closed
   * @throws IllegalArgumentException when {@code config}'s ring size is not the one loaded
   */
  public void start(TraceConfig config, StackPolicy stacks, SyscallTable table,
      List<Syscall> syscalls, Consumer<String> warn, Runnable beforeAttach)
      throws TraceException {
    if (started || obj == null) {
      throw new IllegalStateException("this BPF object was started or closed before");
    }
    if (config.ringBytes() != ringBytes) {
      throw new IllegalArgumentException("the ring was loaded with " + ringBytes
          + " bytes, the configuration asks for " + config.ringBytes());
    }
    started = true;
    long cgroupLevel = config.cgroupId() == 0 ? 0 : CgroupLevel.of(config.cgroupId());
    configure(config, (int) cgroupLevel);
    setStackPolicy(stacks);
    number(table);
    selection = config.selection();
    fillSyscalls(syscalls, warn);
    if (config.follow() > 0) {
      followPid(config.follow());
    }
    beforeAttach.run();
    attach();
  }

  /** Reads this arch's and its compat arch's syscall numbers for {@code table}, once per table. */
  private void number(SyscallTable table) {
    if (numbered != table) {
      Arch arch = Arch.running();
      nativeNumbers = SyscallNumbers.of(table, arch);
      compatNumbers = SyscallNumbers.of(table, arch.compat());
      numbered = table;
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

  /** The configuration's section ({@code .data.cfg}): checked before the load. */
  private void checkConfigSection() throws TraceException {
    LongByReference size = new LongByReference();
    Pointer cfg = LibBpf.bpf_map__initial_value(map(CONFIG_SECTION), size);
    if (cfg == null || size.getValue() != CONFIG_SIZE) {
      throw new TraceException("the BPF object's " + CONFIG_SECTION + " is not the expected struct"
          + " ior_config (" + size.getValue() + " bytes, expected " + CONFIG_SIZE
          + "): ior-bpf was built wrongly");
    }
  }

  /**
   * Writes struct ior_config with one map update, after the load and before the attach (libbpf
   * 1.1 maps a data section's memory to the kernel's only in generated skeletons).
   */
  private void configure(TraceConfig c, int cgroupLevel) throws TraceException {
    Memory cfg = new Memory(CONFIG_SIZE);
    cfg.clear();
    // 0 lets the programs trace this process too, all but the threads in ior_skip_tids.
    cfg.setInt(CONFIG_SELF_PID, c.traceSelf() ? 0 : (int) ProcessHandle.current().pid());
    cfg.setInt(CONFIG_TARGET_PID, c.pid());
    cfg.setInt(CONFIG_TARGET_TID, c.tid());
    byte[] comm = c.comm() == null ? new byte[0] : c.comm().getBytes(StandardCharsets.UTF_8);
    cfg.setInt(CONFIG_COMM_LEN, comm.length);
    cfg.write(CONFIG_COMM, comm, 0, comm.length);
    cfg.setLong(CONFIG_WAKEUP_BYTES, c.wakeupBytes());
    cfg.setLong(CONFIG_CGROUP_ID, c.cgroupId());
    cfg.setInt(CONFIG_CGROUP_LEVEL, cgroupLevel);
    cfg.setInt(CONFIG_FOLLOW, c.follow() > 0 ? 1 : 0);
    Memory key = new Memory(4);
    key.setInt(0, 0);
    if (LibBpf.bpf_map_update_elem(LibBpf.bpf_map__fd(map(CONFIG_SECTION)), key, cfg, 0) != 0) {
      throw new TraceException("cannot write the trace's configuration: "
          + LibC.strerror(Native.getLastError()));
    }
  }

  /** Writes the stack policy the programs read per call (map ior_stack_cfg). */
  private void setStackPolicy(StackPolicy stacks) throws TraceException {
    Memory key = new Memory(4);
    key.setInt(0, 0);
    Memory v = new Memory(STACK_POLICY_SIZE);
    v.clear();
    v.setInt(STACK_POLICY_EVERY, stacks.every());
    v.setLong(STACK_POLICY_SLOW_NS, stacks.slowNs());
    if (LibBpf.bpf_map_update_elem(LibBpf.bpf_map__fd(map("ior_stack_cfg")), key, v, 0) != 0) {
      throw new TraceException("cannot write the stack policy: "
          + LibC.strerror(Native.getLastError()));
    }
  }

  private Pointer map(String name) throws TraceException {
    Pointer m = LibBpf.bpf_object__find_map_by_name(obj, name);
    if (m == null) {
      throw new TraceException("the BPF object has no map " + name + ": ior-bpf was built wrongly");
    }
    return m;
  }

  private void load() throws TraceException {
    int err = LibBpf.bpf_object__load(obj);
    if (err != 0) {
      String why = LibC.strerror(-err);
      String hint = err == -1 || err == -13
          ? " (run as root or grant CAP_BPF and CAP_PERFMON)"
          : " (ior needs Linux " + Preflight.MIN_KERNEL + "+ with BTF: /sys/kernel/btf/vmlinux)";
      throw new TraceException("loading the BPF programs failed: " + why + hint + "; libbpf: "
          + LibbpfLog.last(4));
    }
  }

  /**
   * Writes the whole syscall table in one call: a slot per syscall number of every selected
   * syscall, native and compat, and of every renamer. One slot per call cost ~300 map writes
   * through JNA, 40-90 ms of the start; one pass over the numbers instead of a search of them per
   * syscall saves another 40-70 ms of a cold JVM's interpreter.
   */
  private void fillSyscalls(List<Syscall> syscalls, Consumer<String> warn)
      throws TraceException {
    int slots = 2 * NR_SLOTS;
    int[] keys = new int[slots];
    for (int k = 0; k < slots; k++) {
      keys[k] = k;
    }
    Memory keyMem = new Memory(4L * slots);
    keyMem.write(0, keys, 0, slots);
    Memory values = new Memory((long) SYSENT_SIZE * slots);
    values.clear();
    Set<Integer> selected = new HashSet<>(); // by id: equal ids, the same syscall
    for (Syscall s : syscalls) {
      selected.add(s.id());
    }
    Set<Integer> found = new HashSet<>();
    SyscallNumbers[] arches = {nativeNumbers, compatNumbers};
    for (int a = 0; a < arches.length; a++) {
      for (int nr = 0; nr < Math.min(arches[a].size(), NR_SLOTS); nr++) {
        Syscall s = arches[a].syscall(nr);
        if (s == null) {
          continue;
        }
        // Calls that change names are in the table traced or not: their exits, in any process,
        // count the name epoch that makes the kernel name files again (see ior.bpf.c).
        boolean traced = selected.contains(s.id());
        if (traced || RENAMERS.contains(s.name())) {
          encodeSlot(values, a * NR_SLOTS + nr, s, traced);
        }
        if (traced) {
          found.add(s.id());
        }
      }
    }
    List<String> missing = new ArrayList<>();
    for (Syscall s : syscalls) {
      if (found.contains(s.id())) {
        attached.add(s);
      } else {
        missing.add(s.name());
      }
    }
    if (!missing.isEmpty()) {
      warn.accept("not on " + nativeNumbers.arch().tsvName() + ", not traced: "
          + String.join(", ", missing));
    }
    IntByReference count = new IntByReference(slots);
    if (LibBpf.bpf_map_update_batch(LibBpf.bpf_map__fd(map("ior_sys")), keyMem, values, count,
        null) != 0) {
      throw new TraceException("cannot write the syscall table: "
          + LibC.strerror(Native.getLastError()));
    }
  }

  /**
   * Syscalls whose success may change the name of an open file or of a directory above it (a
   * link gives an O_TMPFILE file its first name; a lazy unmount detaches the mounts below, whose
   * files /proc then names from the detached mount's root; a moved mount or root moves them).
   */
  static final List<String> RENAMERS =
      List.of("rename", "renameat", "renameat2", "unlink", "unlinkat", "rmdir", "link", "linkat",
          "umount", "move_mount", "pivot_root");

  private void setSlot(int fd, int slot, Syscall s, boolean traced) throws TraceException {
    if (slot >= 2 * NR_SLOTS) {
      return;
    }
    Memory key = new Memory(4);
    key.setInt(0, slot);
    Memory v = new Memory(SYSENT_SIZE);
    v.clear();
    encodeSlot(v, 0, s, traced);
    if (LibBpf.bpf_map_update_elem(fd, key, v, 0) != 0) {
      throw new TraceException("cannot write the syscall table: "
          + LibC.strerror(Native.getLastError()));
    }
  }

  /**
   * Writes {@code s}'s struct ior_sysent at index {@code slot} of the table image {@code table};
   * a slot past the table (a number ior.h has no room for) is left out.
   */
  private void encodeSlot(Pointer table, int slot, Syscall s, boolean traced) {
    if (slot >= 2 * NR_SLOTS) {
      return;
    }
    Pointer v = table.share((long) SYSENT_SIZE * slot);
    v.setShort(SYSENT_ID, (short) s.id());
    v.setByte(SYSENT_SHAPE, (byte) shapeCode(s.shape()));
    int flags = traced ? SYS_TRACED : 0;
    if (s.shape() == Shape.FD && s.io() == IoKind.TRANSFER) {
      flags |= SYS_FD2;
    }
    if (s.opensFd()) {
      flags |= SYS_RET_FD;
    }
    if (RENAMERS.contains(s.name())) {
      flags |= SYS_RENAMES;
    }
    if (SyscallSelection.fileMapsOnly(selection, s)) {
      flags |= SYS_FILE_MAP;
    }
    v.setByte(SYSENT_FLAGS, (byte) flags);
    for (int k = 0; k < 4; k++) {
      v.setByte(SYSENT_ARG + k, (byte) s.arg(k));
    }
  }

  static int shapeCode(Shape s) {
    switch (s) {
      case FD:
        return SHAPE_FD;
      case PATH:
        return SHAPE_PATH;
      case OPEN:
        return SHAPE_OPEN;
      case OPENHOW:
        return SHAPE_OPENHOW;
      case NAME:
        return SHAPE_NAME;
      default:
        return SHAPE_NONE;
    }
  }

  private void followPid(int pid) throws TraceException {
    Memory key = new Memory(4);
    key.setInt(0, pid);
    Memory one = new Memory(1);
    one.setByte(0, (byte) 1);
    if (LibBpf.bpf_map_update_elem(LibBpf.bpf_map__fd(map("ior_pids")), key, one, 0) != 0) {
      throw new TraceException("cannot add pid " + pid + " to the traced set: "
          + LibC.strerror(Native.getLastError()));
    }
  }

  /**
   * Never traces thread {@code tid} (of this process, when it traces itself: {@link
   * TraceConfig#traceSelf()}). Safe from any thread.
   *
   * @param tid a thread id of this process
   * @throws TraceException when the kernel refused the map write
   */
  public synchronized void skipThread(int tid) throws TraceException {
    Memory key = new Memory(4);
    key.setInt(0, tid);
    Memory one = new Memory(1);
    one.setByte(0, (byte) 1);
    if (LibBpf.bpf_map_update_elem(LibBpf.bpf_map__fd(map("ior_skip_tids")), key, one, 0) != 0) {
      throw new TraceException("cannot exclude thread " + tid + " from the trace: "
          + LibC.strerror(Native.getLastError()));
    }
  }

  private void attach() throws TraceException {
    for (Pointer p = LibBpf.bpf_object__next_program(obj, null); p != null;
        p = LibBpf.bpf_object__next_program(obj, p)) {
      Pointer link = LibBpf.bpf_program__attach(p);
      if (link == null) {
        int errno = Native.getLastError();
        throw new TraceException("failed to attach " + LibBpf.bpf_program__name(p) + ": "
            + LibC.strerror(errno) + (errno == 1 || errno == 13
                ? " (run as root or grant CAP_BPF and CAP_PERFMON)" : "")
            + "; libbpf: " + LibbpfLog.last(2));
      }
      links.add(link);
    }
  }

  /**
   * Starts or stops tracing {@code s} while the trace runs: a write of its table slots, seen by
   * the next syscall on every CPU. Safe from any thread.
   *
   * @param s the syscall
   * @param traced true to start tracing it, false to stop
   * @throws TraceException when the kernel refused the map write
   */
  public synchronized void setTraced(Syscall s, boolean traced) throws TraceException {
    int fd = LibBpf.bpf_map__fd(map("ior_sys"));
    for (int nr : nativeNumbers.numbers(s)) {
      setSlot(fd, nr, s, traced);
    }
    for (int nr : compatNumbers.numbers(s)) {
      setSlot(fd, NR_SLOTS + nr, s, traced);
    }
    if (traced && !attached.contains(s)) {
      attached.add(s);
    } else if (!traced) {
      attached.remove(s);
    }
  }

  /** {@return the syscalls whose numbers are in the kernel's table (selected and on this arch)} */
  public synchronized List<Syscall> attachedSyscalls() {
    return List.copyOf(attached);
  }

  /** {@return the ring buffer map's fd} */
  public int ringFd() {
    return LibBpf.bpf_map__fd(LibBpf.bpf_object__find_map_by_name(obj, "ior_events"));
  }

  /**
   * {@return the kernel's loss counters summed over CPUs, indexed by {@link #LOSS_RING}, {@link
   * #LOSS_STORAGE}, {@link #LOSS_NAME}; -1 each when the map could not be read}
   */
  public long[] losses() {
    long[] out = new long[LOSS_SLOTS];
    int fd = LibBpf.bpf_map__fd(LibBpf.bpf_object__find_map_by_name(obj, "ior_drops"));
    int cpus = Math.max(1, LibBpf.libbpf_num_possible_cpus());
    Memory key = new Memory(4);
    Memory values = new Memory(8L * cpus);
    for (int slot = 0; slot < LOSS_SLOTS; slot++) {
      key.setInt(0, slot);
      if (LibBpf.bpf_map_lookup_elem(fd, key, values) != 0) {
        out[slot] = -1;
        continue;
      }
      for (int i = 0; i < cpus; i++) {
        out[slot] += values.getLong(8L * i);
      }
    }
    return out;
  }

  /**
   * Runs of our programs the kernel skipped because another BPF program was running on the CPU
   * ({@code recursion_misses} of {@code bpf_prog_info}, Linux 5.12+), summed; -1 when unknown.
   *
   * @return the summed misses, or -1 when unknown
   */
  public long recursionMisses() {
    long sum = 0;
    Memory info = new Memory(PROG_INFO_SIZE);
    IntByReference len = new IntByReference();
    for (Pointer p = LibBpf.bpf_object__next_program(obj, null); p != null;
        p = LibBpf.bpf_object__next_program(obj, p)) {
      info.clear();
      len.setValue(PROG_INFO_SIZE);
      if (LibBpf.bpf_obj_get_info_by_fd(LibBpf.bpf_program__fd(p), info, len) != 0
          || len.getValue() < PROG_INFO_RECURSION_MISSES + 8) {
        return -1;
      }
      sum += info.getLong(PROG_INFO_RECURSION_MISSES);
    }
    return sum;
  }

  /**
   * Makes every program return at once without emitting: the trace's end, effective within
   * microseconds.
   *
   * @throws TraceException when the object has no stop flag or the kernel refused the write
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

  /** Detaches every program: no new records after this returns (five raw tracepoints: fast). */
  public void detach() {
    for (Pointer link : links) {
      LibBpf.bpf_link__destroy(link);
    }
    links.clear();
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
