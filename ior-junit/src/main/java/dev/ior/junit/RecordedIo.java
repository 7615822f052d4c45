// SPDX-License-Identifier: Apache-2.0
package dev.ior.junit;

import dev.ior.core.event.PairRecord;
import dev.ior.core.event.SyscallPair;
import dev.ior.core.sink.PairSink;
import dev.ior.core.syscall.IoKind;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The I/O a test did so far, recorded in the kernel: handed to test methods by {@link TraceIo}.
 * Every query first waits until the trace has caught up with the calling thread (it makes a
 * marker call and waits for it to come through), so what the code under test did before the
 * query is in it.
 *
 * <p>Left out, because they are the JVM running rather than the code under test: ior's own
 * threads, files of the JDK ({@code java.home}), {@code .class}, {@code .jar}, {@code .jmod} and
 * {@code .so} files (class and library loading), and {@code /proc} and {@code /sys}.
 *
 * <pre>{@code
 * io.opened().noneOutside(tempDir);
 * assertEquals(1, io.syscalls("fsync").count());
 * assertEquals(4096, io.bytesWritten(tempDir + "/**"));
 * io.files().under(tempDir).containsExactly(tempDir.resolve("a.txt"));
 * }</pre>
 */
public final class RecordedIo {
  private static final long SYNC_TIMEOUT_NS = 10_000_000_000L;

  private final List<PairRecord> calls = new ArrayList<>();
  private final Set<String> selected;
  private final String markerDir = "/nonexistent-ior-junit-" + UUID.randomUUID();
  private final String javaHome = System.getProperty("java.home");
  private int markers;
  private String seenMarker;

  /** @param selected names of the syscalls the test asked for (others only serve the markers) */
  RecordedIo(Set<String> selected) {
    this.selected = Set.copyOf(selected);
  }

  /** The sink on the trace's consumer thread: keeps copies of the calls of interest. */
  PairSink sink() {
    return pair -> {
      String file = pair.file();
      if (file != null && file.startsWith(markerDir)) {
        synchronized (this) {
          seenMarker = file;
          notifyAll();
        }
      } else if (selected.contains(pair.syscall().name()) && !jvmOwn(pair)) {
        PairRecord copy = pair.copy();
        synchronized (this) {
          calls.add(copy);
        }
      }
    };
  }

  private boolean jvmOwn(SyscallPair p) {
    String f = p.file();
    if (f == null) {
      return false;
    }
    return javaHome != null && f.startsWith(javaHome + "/") || f.startsWith("/proc/")
        || f.startsWith("/sys/") || f.endsWith(".jar") || f.endsWith(".jmod")
        || f.endsWith(".class")
        || f.endsWith(".so") || f.contains(".so.");
  }

  /**
   * Waits until the trace has seen every call this thread made before (and what other threads
   * and processes finished before it).
   *
   * @throws AssertionError when the trace does not catch up within 10 s
   */
  synchronized void sync() {
    String marker = markerDir + "/" + (++markers);
    // NIO, not FileInputStream: its FileNotFoundException takes its message from strerror(3),
    // and glibc's first strerror opens the locale's message catalogs (libc.mo) on this thread,
    // the test's: ior's own I/O would be recorded as the test's.
    try (SeekableByteChannel in = Files.newByteChannel(Path.of(marker))) {
      throw new AssertionError("the marker file " + marker + " exists");
    } catch (IOException expected) {
      // ENOENT (NoSuchFileException, no message looked up): the failed openat is the marker
    }
    long deadline = System.nanoTime() + SYNC_TIMEOUT_NS;
    while (!marker.equals(seenMarker)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("the I/O trace did not catch up within 10 s (its marker call "
            + marker + " never came through)");
      }
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for the I/O trace", e);
      }
    }
  }

  private synchronized List<PairRecord> snapshot() {
    sync();
    return List.copyOf(calls);
  }

  /**
   * Every recorded call so far.
   *
   * @return the calls
   */
  public IoCalls calls() {
    return new IoCalls("calls", snapshot());
  }

  /**
   * The calls of these syscalls.
   *
   * @param names syscall names ({@code "fsync"}, {@code "openat"})
   * @return the calls
   */
  public IoCalls syscalls(String... names) {
    Set<String> n = new LinkedHashSet<>(Arrays.asList(names));
    return new IoCalls(String.join("/", n) + " calls",
        snapshot().stream().filter(p -> n.contains(p.syscall().name()))
            .collect(Collectors.toList()));
  }

  /**
   * The successful opens (open, openat, openat2, creat: the calls that return a new fd).
   *
   * @return the calls
   */
  public IoCalls opened() {
    return new IoCalls("opens", snapshot().stream()
        .filter(p -> p.syscall().opensFd() && p.ret() >= 0)
        .collect(Collectors.toList()));
  }

  /**
   * The calls that failed (negative return, not a kernel restart code).
   *
   * @return the calls
   */
  public IoCalls failed() {
    return new IoCalls("failed calls", snapshot().stream().filter(PairRecord::failed)
        .collect(Collectors.toList()));
  }

  /**
   * Bytes written by successful write-family calls to files matching {@code glob}.
   *
   * @param glob a {@link java.nio.file.FileSystem#getPathMatcher} glob over absolute paths
   * @return bytes, at least 0
   */
  public long bytesWritten(String glob) {
    return io(IoKind.WRITE).onFiles(glob).bytes();
  }

  /**
   * Bytes read by successful read-family calls from files matching {@code glob}.
   *
   * @param glob a {@link java.nio.file.FileSystem#getPathMatcher} glob over absolute paths
   * @return bytes, at least 0
   */
  public long bytesRead(String glob) {
    return io(IoKind.READ).onFiles(glob).bytes();
  }

  private IoCalls io(IoKind kind) {
    return new IoCalls(kind.name().toLowerCase(java.util.Locale.ROOT) + " calls",
        snapshot().stream().filter(p -> p.syscall().io() == kind && p.ret() >= 0)
            .collect(Collectors.toList()));
  }

  /**
   * The distinct files the calls touched (absolute paths; a rename's both names).
   *
   * @return the files
   */
  public IoFiles files() {
    Set<String> files = new LinkedHashSet<>();
    for (PairRecord p : snapshot()) {
      for (String f : new String[] {p.file(), p.file2()}) {
        if (f != null && f.startsWith("/")) {
          files.add(f);
        }
      }
    }
    return new IoFiles(files);
  }

  /**
   * The calls that match {@code p}.
   *
   * @param what names the subset in failure messages
   * @param p which calls to keep
   * @return the calls kept
   */
  public IoCalls matching(String what, Predicate<PairRecord> p) {
    return calls().filter(what, p);
  }

  /**
   * The calls on files matching {@code glob}.
   *
   * @param glob a {@link java.nio.file.FileSystem#getPathMatcher} glob over absolute paths
   * @return the calls
   */
  public IoCalls onFiles(String glob) {
    return calls().onFiles(glob);
  }
}
