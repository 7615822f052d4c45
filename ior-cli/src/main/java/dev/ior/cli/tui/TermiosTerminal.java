// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.tui;

import com.googlecode.lanterna.terminal.ansi.UnixTerminal;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;

/**
 * lanterna's {@link UnixTerminal} with the tty's modes set through termios ({@code tcgetattr},
 * {@code tcsetattr} on /dev/tty, via JNA) instead of by running {@code stty}: lanterna starts
 * seven stty processes per dashboard, and the first process a JVM starts costs it 0.1-0.3 s
 * (ProcessBuilder's classes, its reaper thread), all before the first screen. The modes are
 * stty's: the same flags of the same {@code struct termios} (Linux, termios(3)).
 */
final class TermiosTerminal extends UnixTerminal {
  // struct termios on Linux (asm-generic/termbits.h): c_iflag, c_oflag, c_cflag, c_lflag
  // (4 bytes each), c_line, c_cc[19] (glibc's is 32), c_ispeed, c_ospeed: 60 bytes in glibc.
  private static final int SIZE = 60;
  private static final int C_LFLAG = 12;
  private static final int C_CC = 17;
  private static final int ECHO = 0x8;
  private static final int ICANON = 0x2;
  private static final int VINTR = 0;
  private static final int VMIN = 6;
  private static final int TCSANOW = 0;
  private static final int O_RDWR = 2;
  private static final int O_CLOEXEC = 0x80000;
  private static final byte CTRL_C = 3;
  /** _POSIX_VDISABLE: the character that disables a control character ("stty intr undef"). */
  private static final byte DISABLED = 0;

  private final int tty;
  private byte[] saved;

  private TermiosTerminal(int tty, InputStream in, OutputStream out, Charset charset,
      CtrlCBehaviour ctrlC) throws IOException {
    super(in, out, charset, ctrlC);
    this.tty = tty;
  }

  /**
   * {@return a terminal on this process's controlling tty}
   *
   * @throws IOException when there is no /dev/tty or libc cannot be bound (use lanterna's own)
   */
  static UnixTerminal open(InputStream in, OutputStream out, Charset charset,
      CtrlCBehaviour ctrlC) throws IOException {
    int fd;
    try {
      fd = Libc.open("/dev/tty", O_RDWR | O_CLOEXEC);
    } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
      throw new IOException("termios through JNA: " + e.getMessage(), e);
    }
    if (fd < 0) {
      throw new IOException("cannot open /dev/tty: errno " + Native.getLastError());
    }
    return new TermiosTerminal(fd, in, out, charset, ctrlC);
  }

  // The constructor of UnixTerminal acquires the terminal (calls the methods below) before
  // this class's fields are set: until then, tty is 0 and each call opens /dev/tty itself.
  private int fd() throws IOException {
    if (tty > 0) {
      return tty;
    }
    int fd = Libc.open("/dev/tty", O_RDWR | O_CLOEXEC);
    if (fd < 0) {
      throw new IOException("cannot open /dev/tty: errno " + Native.getLastError());
    }
    return fd;
  }

  private byte[] get(int fd) throws IOException {
    byte[] t = new byte[SIZE];
    if (Libc.tcgetattr(fd, t) != 0) {
      throw new IOException("tcgetattr: errno " + Native.getLastError());
    }
    return t;
  }

  private void set(int fd, byte[] t) throws IOException {
    if (Libc.tcsetattr(fd, TCSANOW, t) != 0) {
      throw new IOException("tcsetattr: errno " + Native.getLastError());
    }
  }

  /** Reads the modes, lets {@code change} edit them and writes them back. */
  private void edit(java.util.function.Consumer<byte[]> change) throws IOException {
    int fd = fd();
    try {
      byte[] t = get(fd);
      change.accept(t);
      set(fd, t);
    } finally {
      if (fd != tty) {
        Libc.close(fd);
      }
    }
  }

  private static void lflag(byte[] t, int flag, boolean on) {
    int v = (t[C_LFLAG] & 0xff) | (t[C_LFLAG + 1] & 0xff) << 8 | (t[C_LFLAG + 2] & 0xff) << 16
        | (t[C_LFLAG + 3] & 0xff) << 24;
    v = on ? v | flag : v & ~flag;
    for (int i = 0; i < 4; i++) {
      t[C_LFLAG + i] = (byte) (v >>> (8 * i));
    }
  }

  @Override
  protected void saveTerminalSettings() throws IOException {
    int fd = fd();
    try {
      saved = get(fd);
    } finally {
      if (fd != tty) {
        Libc.close(fd);
      }
    }
  }

  @Override
  protected void restoreTerminalSettings() throws IOException {
    if (saved != null) {
      byte[] t = saved;
      edit(now -> System.arraycopy(t, 0, now, 0, SIZE));
    }
  }

  @Override
  protected void keyEchoEnabled(boolean enabled) throws IOException {
    edit(t -> lflag(t, ECHO, enabled));
  }

  @Override
  protected void canonicalMode(boolean enabled) throws IOException {
    edit(t -> {
      lflag(t, ICANON, enabled);
      if (!enabled) {
        t[C_CC + VMIN] = 1; // a read returns each key as it comes ("stty -icanon min 1")
      }
    });
  }

  @Override
  protected void keyStrokeSignalsEnabled(boolean enabled) throws IOException {
    edit(t -> t[C_CC + VINTR] = enabled ? CTRL_C : DISABLED);
  }

  /** The libc calls termios needs (JNA direct mapping). */
  private static final class Libc {
    static {
      Native.register(Libc.class, NativeLibrary.getInstance("c"));
    }

    static native int open(String path, int flags);

    static native int close(int fd);

    static native int tcgetattr(int fd, byte[] termios);

    static native int tcsetattr(int fd, int when, byte[] termios);
  }
}
