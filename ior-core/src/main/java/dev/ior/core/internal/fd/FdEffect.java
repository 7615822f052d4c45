// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.internal.fd;

import dev.ior.core.syscall.Syscall;

/** What a successful call does to the descriptor table or working directory. */
enum FdEffect {
  NONE, OPEN, CLOSE, CLOSE_RANGE, DUP, DUP2, DUP3, FCNTL, CHDIR, FCHDIR, CHROOT;

  static FdEffect of(Syscall s) {
    if (s.opensFd()) {
      return OPEN;
    }
    switch (s.name()) {
      case "close":
        return CLOSE;
      case "close_range":
        return CLOSE_RANGE;
      case "dup":
        return DUP;
      case "dup2":
        return DUP2;
      case "dup3":
        return DUP3;
      case "fcntl":
        return FCNTL;
      case "chdir":
        return CHDIR;
      case "fchdir":
        return FCHDIR;
      case "chroot":
        return CHROOT;
      default:
        return NONE;
    }
  }
}
