// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.syscall;

/** What a syscall's enter record carries; the {@code shape} column of {@code syscalls.tsv}. */
public enum Shape {
  /** No arguments. */
  NONE,
  /** Up to three integer arguments, the first one an fd. */
  FD,
  /** A dirfd and a path, optionally flags. */
  PATH,
  /** dirfd, path, open flags and mode; the return value is a new fd. */
  OPEN,
  /** openat2: like {@link #OPEN}, flags read from {@code struct open_how}. */
  OPENHOW,
  /** Old and new names (rename, link, symlink). */
  NAME;

  static Shape parse(String s) {
    return valueOf(s.toUpperCase(java.util.Locale.ROOT));
  }
}
