// SPDX-License-Identifier: Apache-2.0
package dev.ior.bpf.internal.lib;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/** The libc calls the ring reader and the preflight checks need (JNA direct mapping). */
public final class LibC {
  private LibC() {}

  static {
    Native.register(LibC.class, NativeLibrary.getInstance("c"));
  }

  public static final int PROT_READ = 1;
  public static final int PROT_WRITE = 2;
  public static final int MAP_SHARED = 1;
  public static final int EPOLLIN = 1;
  public static final int EPOLLET = 1 << 31;
  public static final int EPOLL_CTL_ADD = 1;
  public static final int EPOLL_CLOEXEC = 0x80000;
  public static final int SC_PAGESIZE = 30;
  public static final int EINTR = 4;

  /** The value mmap returns on failure. */
  public static final Pointer MAP_FAILED = new Pointer(-1);

  public static native Pointer mmap(Pointer addr, long length, int prot, int flags, int fd,
      long offset);

  public static native int munmap(Pointer addr, long length);

  public static native long sysconf(int name);

  public static native int epoll_create1(int flags);

  public static native int epoll_ctl(int epfd, int op, int fd, Pointer event);

  public static native int epoll_wait(int epfd, Pointer events, int maxEvents, int timeoutMs);

  public static native int close(int fd);

  public static native int geteuid();

  /** which: PRIO_PROCESS (0) with who a tid sets that thread's nice value; 0 or -1 (errno). */
  public static native int setpriority(int which, int who, int prio);

  public static native int mount(String source, String target, String type, long flags,
      Pointer data);

  public static native String strerror(int errnum);

  public static final int MFD_CLOEXEC = 1;
  public static final int ENOEXEC = 8;

  public static native int memfd_create(String name, int flags);

  public static native long write(int fd, byte[] buf, long count);

  /** argv and envp: {@link com.sun.jna.StringArray}s (NULL-terminated); 0 or an errno. */
  public static native int posix_spawn(IntByReference pid, String path, Pointer fileActions,
      Pointer attr, Pointer argv, Pointer envp);

  public static native int waitpid(int pid, IntByReference status, int options);

  /** Formats a C va_list (libbpf's log callback). */
  public static native int vsnprintf(byte[] buf, long size, String format, Pointer args);
}
