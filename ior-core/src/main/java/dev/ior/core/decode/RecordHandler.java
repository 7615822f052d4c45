// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.decode;

/** Receives what {@link RecordDecoder} decodes, one call per record. */
public interface RecordHandler {
  /** A syscall began; {@code e} is reused after the call returns. */
  void enter(EnterRecord e);

  /** A syscall returned; {@code sys} is our syscall id. */
  void exit(int sys, int pid, int tid, long timeNs, long ret);

  /** {@code pid} exec'd; {@code comm} is the new image's comm. */
  void exec(int pid, int tid, long timeNs, String comm);

  /** Task {@code tid} of {@code pid} created task {@code childTid}. */
  void fork(int pid, int tid, int childTid);

  /** Task {@code tid} of {@code pid} ended. */
  void taskExit(int pid, int tid);

  /** A record that could not be decoded (unknown kind or syscall id, or too short). */
  void malformed(int kind, int length);
}
