// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.decode;

/**
 * Byte offsets and sizes of the ring-buffer records, mirroring {@code ior-bpf/src/main/bpf/ior.h}
 * (the single definition). {@code RecordLayoutTest} in ior-bpf compiles that header and checks
 * every constant here against {@code offsetof}/{@code sizeof}. Little-endian.
 */
public final class RecordLayout {
  private RecordLayout() {}

  public static final int COMM_LEN = 16;
  public static final int PATH_LEN = 256;

  /** Kinds, the first 32-bit word of every record. */
  public static final int KIND_EXIT = 1;
  public static final int KIND_ENTER_ARGS = 2;
  public static final int KIND_ENTER_PATH = 3;
  public static final int KIND_ENTER_NAME = 4;
  public static final int KIND_PROC_EXEC = 5;
  public static final int KIND_PROC_FORK = 6;
  public static final int KIND_TASK_EXIT = 7;

  // struct ior_head
  public static final int HEAD_KIND = 0;
  public static final int HEAD_SYS = 4;
  public static final int HEAD_PID = 8;
  public static final int HEAD_TID = 12;
  public static final int HEAD_TIME_NS = 16;
  public static final int HEAD_SIZE = 24;

  // struct ior_exit
  public static final int EXIT_RET = 24;
  public static final int EXIT_SIZE = 32;

  // struct ior_enter
  public static final int ENTER_COMM = 24;
  public static final int ENTER_SIZE = 40;

  // struct ior_enter_args
  public static final int ARGS_ARGS = 40;
  public static final int ARGS_SIZE = 64;

  // struct ior_enter_path
  public static final int PATH_DIRFD = 40;
  public static final int PATH_FLAGS = 48;
  public static final int PATH_MODE = 56;
  public static final int PATH_PATH_LEN = 64;
  public static final int PATH_PATH = 72;
  public static final int PATH_SIZE = 328;

  // struct ior_enter_name
  public static final int NAME_OLD_DIRFD = 40;
  public static final int NAME_NEW_DIRFD = 48;
  public static final int NAME_OLD_LEN = 56;
  public static final int NAME_NEW_LEN = 60;
  public static final int NAME_OLD_PATH = 64;
  public static final int NAME_NEW_PATH = 320;
  public static final int NAME_SIZE = 576;

  // struct ior_proc
  public static final int PROC_COMM = 24;
  public static final int PROC_OTHER_TID = 40;
  public static final int PROC_SIZE = 48;

  // struct ior_config (.rodata)
  public static final int CONFIG_SELF_PID = 0;
  public static final int CONFIG_TARGET_PID = 4;
  public static final int CONFIG_TARGET_TID = 8;
  public static final int CONFIG_COMM_LEN = 12;
  public static final int CONFIG_COMM = 16;
  public static final int CONFIG_WAKEUP_BYTES = 32;
  public static final int CONFIG_FORK_CHILD_OFF = 40;
  public static final int CONFIG_SIZE = 48;

  /** Size of a record of this kind, or -1 for an unknown kind. */
  public static int sizeOf(int kind) {
    switch (kind) {
      case KIND_EXIT:
        return EXIT_SIZE;
      case KIND_ENTER_ARGS:
        return ARGS_SIZE;
      case KIND_ENTER_PATH:
        return PATH_SIZE;
      case KIND_ENTER_NAME:
        return NAME_SIZE;
      case KIND_PROC_EXEC:
      case KIND_PROC_FORK:
      case KIND_TASK_EXIT:
        return PROC_SIZE;
      default:
        return -1;
    }
  }
}
