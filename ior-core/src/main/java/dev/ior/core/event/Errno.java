// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.event;

/**
 * Names of Linux errno values (x86-64/arm64 generic numbering) and of the kernel's internal
 * restart codes, which a syscall exit tracepoint can see before the call is restarted.
 *
 * <pre>{@code
 * Errno.name(-2);          // "ENOENT"
 * Errno.isRestart(-512);   // true: ERESTARTSYS
 * }</pre>
 */
public final class Errno {
  private Errno() {}

  private static final String[] NAMES = {
    "", "EPERM", "ENOENT", "ESRCH", "EINTR", "EIO", "ENXIO", "E2BIG", "ENOEXEC", "EBADF", "ECHILD",
    "EAGAIN", "ENOMEM", "EACCES", "EFAULT", "ENOTBLK", "EBUSY", "EEXIST", "EXDEV", "ENODEV",
    "ENOTDIR", "EISDIR", "EINVAL", "ENFILE", "EMFILE", "ENOTTY", "ETXTBSY", "EFBIG", "ENOSPC",
    "ESPIPE", "EROFS", "EMLINK", "EPIPE", "EDOM", "ERANGE", "EDEADLK", "ENAMETOOLONG", "ENOLCK",
    "ENOSYS", "ENOTEMPTY", "ELOOP", "", "ENOMSG", "EIDRM", "ECHRNG", "EL2NSYNC", "EL3HLT",
    "EL3RST", "ELNRNG", "EUNATCH", "ENOCSI", "EL2HLT", "EBADE", "EBADR", "EXFULL", "ENOANO",
    "EBADRQC", "EBADSLT", "", "EBFONT", "ENOSTR", "ENODATA", "ETIME", "ENOSR", "ENONET", "ENOPKG",
    "EREMOTE", "ENOLINK", "EADV", "ESRMNT", "ECOMM", "EPROTO", "EMULTIHOP", "EDOTDOT", "EBADMSG",
    "EOVERFLOW", "ENOTUNIQ", "EBADFD", "EREMCHG", "ELIBACC", "ELIBBAD", "ELIBSCN", "ELIBMAX",
    "ELIBEXEC", "EILSEQ", "ERESTART", "ESTRPIPE", "EUSERS", "ENOTSOCK", "EDESTADDRREQ", "EMSGSIZE",
    "EPROTOTYPE", "ENOPROTOOPT", "EPROTONOSUPPORT", "ESOCKTNOSUPPORT", "EOPNOTSUPP",
    "EPFNOSUPPORT", "EAFNOSUPPORT", "EADDRINUSE", "EADDRNOTAVAIL", "ENETDOWN", "ENETUNREACH",
    "ENETRESET", "ECONNABORTED", "ECONNRESET", "ENOBUFS", "EISCONN", "ENOTCONN", "ESHUTDOWN",
    "ETOOMANYREFS", "ETIMEDOUT", "ECONNREFUSED", "EHOSTDOWN", "EHOSTUNREACH", "EALREADY",
    "EINPROGRESS", "ESTALE", "EUCLEAN", "ENOTNAM", "ENAVAIL", "EISNAM", "EREMOTEIO", "EDQUOT",
    "ENOMEDIUM", "EMEDIUMTYPE", "ECANCELED", "ENOKEY", "EKEYEXPIRED", "EKEYREVOKED",
    "EKEYREJECTED", "EOWNERDEAD", "ENOTRECOVERABLE", "ERFKILL", "EHWPOISON"
  };

  private static final String[] RESTART = {
    "ERESTARTSYS", "ERESTARTNOINTR", "ERESTARTNOHAND", "ENOIOCTLCMD", "ERESTART_RESTARTBLOCK"
  };

  /**
   * {@return whether {@code ret} is one of the kernel's restart codes -512 ... -516}
   *
   * @param ret a syscall's return value
   */
  public static boolean isRestart(long ret) {
    return ret <= -512 && ret >= -516;
  }

  /** {@code handler} value of a signal record: a handler runs (not SIG_DFL, not SIG_IGN). */
  public static final int HANDLER_RUNS = 2;
  /** {@code sa_flags} bit: calls interrupted by the handler are restarted. */
  public static final long SA_RESTART = 0x10000000L;

  /**
   * {@return whether a call that returned restart code {@code ret} returns EINTR to the program
   * when a signal handler with {@code saFlags} runs, as the kernel's {@code handle_signal} decides:
   * -ERESTARTNOHAND and -ERESTART_RESTARTBLOCK always, -ERESTARTSYS unless {@code SA_RESTART},
   * -ERESTARTNOINTR never}
   *
   * @param ret a syscall's return value, one of -512 ... -516
   * @param saFlags the {@code sa_flags} of the handler that ran (see {@link #SA_RESTART})
   */
  public static boolean interruptedBy(long ret, long saFlags) {
    switch ((int) -ret) {
      case 512: // ERESTARTSYS
        return (saFlags & SA_RESTART) == 0;
      case 514: // ERESTARTNOHAND
      case 516: // ERESTART_RESTARTBLOCK
        return true;
      default:
        return false;
    }
  }

  /**
   * {@return the symbolic name of a negative return value ({@code -2} → {@code ENOENT}); an empty
   * string for non-negative values; {@code E<number>} when the number has no name}
   *
   * @param ret a syscall's return value
   */
  public static String name(long ret) {
    if (ret >= 0) {
      return "";
    }
    long n = -ret;
    if (isRestart(ret)) {
      return RESTART[(int) (n - 512)];
    }
    if (n < NAMES.length && !NAMES[(int) n].isEmpty()) {
      return NAMES[(int) n];
    }
    return "E" + n;
  }
}
