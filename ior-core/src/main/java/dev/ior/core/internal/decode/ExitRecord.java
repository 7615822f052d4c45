// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.internal.decode;

/** A decoded exit record; mutable and reused by the decoder. */
public final class ExitRecord {
  /** Our syscall id. */
  public int sys;
  public int pid;
  public int tid;
  public long timeNs;
  /** The enter's sequence number: equal only for the two halves of one call. */
  public int seq;
  public int flags;
  /** The return value; a negative errno on failure. */
  public long ret;
  /** The file of a descriptor the call returned (open family), else none. */
  public final Ident file = new Ident();
  /** Paths the enter could not read ({@link RecordLayout#F_PATH_LATE}), read at exit; or null. */
  public String path;
  public String path2;
  /** Whether this record carries the late paths. */
  public boolean hasPaths;
}
