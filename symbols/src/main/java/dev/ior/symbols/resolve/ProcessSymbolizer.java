// SPDX-License-Identifier: Apache-2.0
package dev.ior.symbols.resolve;

import dev.ior.symbols.maps.MemoryMap;
import dev.ior.symbols.maps.ProcMaps;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Names the frames of user stacks of live processes: each process's mappings are the ones the
 * caller {@linkplain #learn learnt} (the kernel's, sent before the stacks: they outlive the
 * process), else read from {@code /proc/PID/maps} when it is first seen; and {@code /proc} is
 * read again when an address lies outside them (a library loaded since, JIT code), while the
 * process lives. An address in a file mapping is named from that file's ELF symbols
 * ({@link ModuleSymbols}, cached per file for every process), else shown as {@code
 * module+0xOFFSET}; an address in a JVM's anonymous code is named from its perf map ({@link
 * JvmPerfMaps}). Not thread-safe: one caller (the consumer thread), once per distinct stack.
 *
 * <p>Frame-pointer walks skip the caller of a function that has not pushed a frame pointer: at a
 * syscall that is the libc wrapper ({@code write}), which keeps none, so its caller would be
 * missing. When the innermost function does not start with {@code push %rbp} and the word at the
 * stack pointer is a return address (it follows a call instruction: the wrapper has not moved
 * the stack pointer), that word is inserted as its caller.
 */
public final class ProcessSymbolizer {
  private final Path debugRoot;
  private final Demangler demangler;
  private final JvmPerfMaps jvms;
  /** Per file, for every process; filled by the caller and by the preloading thread. */
  private final Map<String, ModuleSymbols> modules = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<Integer, List<MemoryMap>> maps = new HashMap<>();
  /** Per process, the last set of mappings {@link #learn} was given. */
  private final Map<Integer, List<MemoryMap>> learnt = new HashMap<>();

  /**
   * A symbolized stack.
   *
   * @param frames frame names, root first
   * @param provisional whether a later try may name more (a JVM's perf map not dumped yet)
   */
  public record Symbolized(List<String> frames, boolean provisional) {}

  /**
   * A symbolizer with no process read yet.
   *
   * @param debugRoot where separate debug files are looked for ({@link
   *     dev.ior.symbols.elf.SeparateDebugFiles#DEFAULT_ROOT})
   * @param demangler names C++ symbols ({@link Demangler#NONE}: as they are)
   * @param warn receives one-line notices (a JVM without frame pointers, jcmd failures)
   */
  public ProcessSymbolizer(Path debugRoot, Demangler demangler, Consumer<String> warn) {
    this.debugRoot = debugRoot;
    this.demangler = demangler;
    this.jvms = new JvmPerfMaps(warn);
    Thread preload = new Thread(this::preloadShared, "ior-symbols-preload");
    preload.setDaemon(true);
    preload.start();
  }

  /**
   * Loads the symbols of the libraries this JVM maps (libc, the dynamic loader, libjvm...) ahead:
   * most traced processes map the same files, and loading libc's separate debug symbols takes
   * long enough that a short-lived process would be gone (with its mappings) before its first
   * stack is named.
   */
  private void preloadShared() {
    try {
      for (MemoryMap m : ProcMaps.read(ProcessHandle.current().pid())) {
        if (m.perms().indexOf('x') >= 0 && m.path().startsWith("/")) {
          module(0, m);
        }
      }
    } catch (IOException | RuntimeException e) {
      // an optimisation only
    }
  }

  /**
   * {@return perf maps of the JVMs seen; {@link JvmPerfMaps#generation()} says when to retry
   * stacks}
   */
  public JvmPerfMaps jvms() {
    return jvms;
  }

  /**
   * Names {@code ips[0..n)} (innermost first, as the kernel's walk stores them) of process
   * {@code pid}.
   *
   * @param spWord the word at the stack pointer at the call, 0 when unknown
   * @param pid process id (tgid)
   * @param ips return addresses, innermost first
   * @param n how many of {@code ips} are used, >= 0
   * @return the frame names, root first, and whether a later try may name more
   */
  public Symbolized symbolize(int pid, long[] ips, int n, long spWord) {
    List<MemoryMap> m = mappings(pid, false);
    boolean jvm = isJvm(m);
    boolean provisional = false;
    List<String> leafFirst = new ArrayList<>(n + 1);
    for (int i = 0; i < n; i++) {
      // A return address points after the call: look up the call itself.
      long lookup = i == 0 ? ips[i] : ips[i] - 1;
      MemoryMap map = find(m, lookup);
      if (map == null) {
        m = mappings(pid, true);
        map = find(m, lookup);
      }
      String name = name(pid, map, lookup, jvm);
      if (name == null) {
        provisional |= jvm;
        name = jvm ? "[unknown java]" : "[unknown]";
      }
      leafFirst.add(name);
      if (i == 0 && spWord != 0 && n > 0 && framelessLeaf(map, lookup)) {
        MemoryMap caller = find(m, spWord - 1);
        if (caller != null && caller.perms().indexOf('x') >= 0 && (n < 2 || ips[1] != spWord)
            && isReturnAddress(caller, spWord)) {
          String c = name(pid, caller, spWord - 1, jvm);
          leafFirst.add(c == null ? "[unknown]" : c);
        }
      }
    }
    if (jvm && provisional) {
      jvms.request(pid);
    }
    Collections.reverse(leafFirst);
    return new Symbolized(leafFirst, provisional);
  }

  /**
   * Learns a mapping of process {@code pid} from elsewhere than {@code /proc} (the kernel, before
   * the process's stacks): its frames are named from these first, so a process that has exited
   * (its {@code /proc/PID/maps} gone) still gets its names, module files opened by path. {@code
   * first} starts a new set, replacing the one learnt before. A mapping without a path (its
   * file's name unknown) is left out: an address in it is a miss, which reads {@code /proc}.
   *
   * @param pid process id (tgid)
   * @param first whether {@code m} starts a new set
   * @param m the mapping: its addresses, file offset, inode and path
   */
  public void learn(int pid, boolean first, MemoryMap m) {
    List<MemoryMap> set = first ? null : learnt.get(pid);
    if (set == null) {
      set = new ArrayList<>();
      learnt.put(pid, set);
    }
    if (!m.path().isEmpty()) {
      set.add(m);
    }
    maps.put(pid, set);
  }

  /**
   * Forgets process {@code pid}'s mappings (exec, exit).
   *
   * @param pid process id (tgid)
   */
  public void forget(int pid) {
    maps.remove(pid);
    learnt.remove(pid);
    jvms.forget(pid);
  }

  private List<MemoryMap> mappings(int pid, boolean reread) {
    List<MemoryMap> m = maps.get(pid);
    if (m == null || reread) {
      try {
        m = ProcMaps.read(pid);
      } catch (IOException | RuntimeException e) {
        // Gone: what was learnt (the kernel's mappings) is all there is.
        List<MemoryMap> known = learnt.get(pid);
        m = known != null ? known : m == null ? List.of() : m;
      }
      maps.put(pid, m);
      if (isJvm(m)) {
        jvms.request(pid);
      }
    }
    return m;
  }

  private static boolean isJvm(List<MemoryMap> m) {
    for (MemoryMap x : m) {
      if (x.path().endsWith("/libjvm.so")) {
        return true;
      }
    }
    return false;
  }

  private static MemoryMap find(List<MemoryMap> m, long address) {
    for (MemoryMap x : m) {
      if (x.contains(address)) {
        return x;
      }
    }
    return null;
  }

  private String name(int pid, MemoryMap map, long address, boolean jvm) {
    if (map == null) {
      return null;
    }
    String path = map.path();
    if (path.isEmpty() || path.startsWith("[anon") || path.startsWith("/memfd:")) {
      String n = jvm ? jvms.map(pid).nameAt(address) : null;
      return n == null ? null : JavaFrames.name(n);
    }
    if (path.startsWith("[")) {
      return path; // [vdso], [vsyscall], [stack]
    }
    ModuleSymbols sym = module(pid, map);
    long offset = address - map.start() + map.offset();
    String n = sym.nameAt(sym.toVaddr(offset));
    return n != null ? n : sym.shortName() + "+0x" + Long.toHexString(offset);
  }

  private boolean framelessLeaf(MemoryMap map, long address) {
    if (map == null || map.path().isEmpty() || map.path().startsWith("[")) {
      return false;
    }
    ModuleSymbols sym = module(0, map);
    long vaddr = sym.toVaddr(address - map.start() + map.offset());
    return sym.nameAt(vaddr) != null && !sym.pushesFramePointer(file(map), vaddr);
  }

  /** Whether {@code address} follows a call in {@code map}'s file (JIT code: not checked, no). */
  private boolean isReturnAddress(MemoryMap map, long address) {
    if (map.path().isEmpty() || map.path().startsWith("[")) {
      return false;
    }
    ModuleSymbols sym = module(0, map);
    return sym.followsCall(file(map), sym.toVaddr(address - map.start() + map.offset()));
  }

  private ModuleSymbols module(int pid, MemoryMap map) {
    String key = map.device() + ":" + map.inode() + ":" + map.path();
    ModuleSymbols s = modules.get(key);
    if (s == null) {
      // Not computeIfAbsent: a long load on the preloading thread must not block this one.
      s = load(pid, map);
      ModuleSymbols raced = modules.putIfAbsent(key, s);
      s = raced != null ? raced : s;
    }
    return s;
  }

  /** Reads a module through the process's root (its mount namespace), else the host's path. */
  private ModuleSymbols load(int pid, MemoryMap map) {
    Path shown = Path.of(ProcMaps.stripDeleted(map.path()));
    Path file = pid > 0 ? Path.of("/proc", Integer.toString(pid), "root")
        .resolve(shown.toString().substring(1)) : shown;
    if (!java.nio.file.Files.isReadable(file)) {
      file = shown;
    }
    return ModuleSymbols.read(file, shown, debugRoot, demangler);
  }

  private static Path file(MemoryMap map) {
    return Path.of(ProcMaps.stripDeleted(map.path()));
  }
}
