// SPDX-License-Identifier: Apache-2.0
package dev.ior.testdata.diff;

import java.util.HashMap;
import java.util.Map;

/** Linux errno names to numbers (asm-generic, as on x86_64), for strace's symbolic returns. */
final class Errnos {
  private Errnos() {}

  private static final Map<String, Integer> NUMBERS = new HashMap<>();

  static {
    String[] names = {null, "EPERM", "ENOENT", "ESRCH", "EINTR", "EIO", "ENXIO", "E2BIG",
        "ENOEXEC", "EBADF", "ECHILD", "EAGAIN", "ENOMEM", "EACCES", "EFAULT", "ENOTBLK", "EBUSY",
        "EEXIST", "EXDEV", "ENODEV", "ENOTDIR", "EISDIR", "EINVAL", "ENFILE", "EMFILE", "ENOTTY",
        "ETXTBSY", "EFBIG", "ENOSPC", "ESPIPE", "EROFS", "EMLINK", "EPIPE", "EDOM", "ERANGE",
        "EDEADLK", "ENAMETOOLONG", "ENOLCK", "ENOSYS", "ENOTEMPTY", "ELOOP"};
    for (int i = 1; i < names.length; i++) {
      NUMBERS.put(names[i], i);
    }
    NUMBERS.put("EWOULDBLOCK", 11);
    NUMBERS.put("ENOMSG", 42);
    NUMBERS.put("ENODATA", 61);
    NUMBERS.put("EOVERFLOW", 75);
    NUMBERS.put("EBADFD", 77);
    NUMBERS.put("ENOTSOCK", 88);
    NUMBERS.put("EDESTADDRREQ", 89);
    NUMBERS.put("EMSGSIZE", 90);
    NUMBERS.put("EPROTOTYPE", 91);
    NUMBERS.put("ENOPROTOOPT", 92);
    NUMBERS.put("EPROTONOSUPPORT", 93);
    NUMBERS.put("EOPNOTSUPP", 95);
    NUMBERS.put("ENOTSUP", 95);
    NUMBERS.put("EAFNOSUPPORT", 97);
    NUMBERS.put("EADDRINUSE", 98);
    NUMBERS.put("EADDRNOTAVAIL", 99);
    NUMBERS.put("ECONNRESET", 104);
    NUMBERS.put("EISCONN", 106);
    NUMBERS.put("ENOTCONN", 107);
    NUMBERS.put("ECONNREFUSED", 111);
    NUMBERS.put("EALREADY", 114);
    NUMBERS.put("EINPROGRESS", 115);
    NUMBERS.put("ESTALE", 116);
    NUMBERS.put("EDQUOT", 122);
    NUMBERS.put("ECANCELED", 125);
    NUMBERS.put("EOWNERDEAD", 130);
    NUMBERS.put("ERESTARTSYS", 512);
    NUMBERS.put("ERESTARTNOINTR", 513);
    NUMBERS.put("ERESTARTNOHAND", 514);
    NUMBERS.put("ENOIOCTLCMD", 515);
    NUMBERS.put("ERESTART_RESTARTBLOCK", 516);
  }

  /** The number of errno {@code name}, or -1 when this table does not know it. */
  static int number(String name) {
    return NUMBERS.getOrDefault(name, -1);
  }
}
