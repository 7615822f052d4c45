// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.internal.decode;

/**
 * Byte offsets and sizes of the ring-buffer records (format version 2), mirroring {@code
 * ior-bpf/src/main/bpf/ior.h} (the single definition). {@code RecordLayoutTest} in ior-bpf
 * compiles that header and checks every constant here against {@code offsetof}/{@code sizeof}.
 * Little-endian. The path-carrying kinds are a fixed part followed by variable-length bytes.
 */
public final class RecordLayout {
  private RecordLayout() {}

  /** Version of this layout; recordings say which one they hold. */
  public static final int FORMAT_VERSION = 2;

  public static final int COMM_LEN = 16;
  public static final int PATH_MAX = 4096;
  public static final int NR_SLOTS = 512;

  /** Kinds, the first 32-bit word of every record. */
  public static final int KIND_EXIT = 1;
  public static final int KIND_ENTER = 2;
  public static final int KIND_ENTER_PATH = 3;
  public static final int KIND_PROC_EXEC = 5;
  public static final int KIND_PROC_FORK = 6;
  public static final int KIND_TASK_EXIT = 7;
  public static final int KIND_EXIT_PATH = 8;
  public static final int KIND_NAME = 9;
  public static final int KIND_SIGNAL = 10;
  public static final int KIND_STACK = 12;
  public static final int KIND_MAPPING = 13;
  public static final int KIND_STACK_FRAMES = 14;

  /** Shapes in the kernel's syscall table ({@code enum ior_shape}). */
  public static final int SHAPE_NONE = 0;
  public static final int SHAPE_FD = 1;
  public static final int SHAPE_PATH = 2;
  public static final int SHAPE_OPEN = 3;
  public static final int SHAPE_OPENHOW = 4;
  public static final int SHAPE_NAME = 5;

  /** Flags of a kernel syscall table slot ({@code IOR_SYS_*}). */
  public static final int SYS_TRACED = 0x01;
  public static final int SYS_FD2 = 0x02;
  public static final int SYS_RET_FD = 0x04;
  /** A successful call may change file names (rename, unlink, rmdir): counts the name epoch. */
  public static final int SYS_RENAMES = 0x08;
  /** Traced only on a file mapping (mmap without MAP_ANONYMOUS, munmap of a file's pages). */
  public static final int SYS_FILE_MAP = 0x10;

  /** Flags of a record head ({@code IOR_F_*}). */
  public static final int F_COMPAT = 0x01;
  public static final int F_PATH_LATE = 0x02;
  public static final int F_PATH_CUT = 0x04;
  public static final int F_GROUP_DEAD = 0x08;
  public static final int F_THREAD = 0x10;
  /** Enter: built at the exit of a call refused before it ran (seccomp, a tracer). */
  public static final int F_REFUSED = 0x20;
  /** Fork: the new process shares its parent's descriptor table (CLONE_FILES). */
  public static final int F_SHARED_FILES = 0x40;
  /** Enter: its file identities were read from the task's fd table; none means not open. */
  public static final int F_IDENT = 0x80;
  /** Path enter: the path is absolute and file is the root it starts at (chroot, RESOLVE_IN_ROOT). */
  public static final int F_ROOT_BASE = 0x100;
  /** The same for the second path (name shape) and file2. */
  public static final int F_ROOT_BASE2 = 0x200;

  // struct ior_sysent (a value of the kernel's syscall table map)
  public static final int SYSENT_ID = 0;
  public static final int SYSENT_SHAPE = 2;
  public static final int SYSENT_FLAGS = 3;
  public static final int SYSENT_ARG = 4;
  public static final int SYSENT_SIZE = 8;

  // struct ior_head
  public static final int HEAD_KIND = 0;
  public static final int HEAD_SYS = 4;
  public static final int HEAD_FLAGS = 6;
  public static final int HEAD_PID = 8;
  public static final int HEAD_TID = 12;
  public static final int HEAD_TIME_NS = 16;
  public static final int HEAD_SIZE = 24;

  // struct ior_ident
  public static final int IDENT_INO = 0;
  public static final int IDENT_DEV = 8;
  public static final int IDENT_GEN = 12;
  public static final int IDENT_SIZE = 16;

  // struct ior_exit
  public static final int EXIT_SEQ = 24;
  public static final int EXIT_NR = 28;
  public static final int EXIT_RET = 32;
  public static final int EXIT_FILE = 40;
  public static final int EXIT_SIZE = 56;

  // struct ior_enter
  public static final int ENTER_SEQ = 24;
  public static final int ENTER_NR = 28;
  public static final int ENTER_CGROUP_ID = 32;
  public static final int ENTER_COMM = 40;
  public static final int ENTER_THREAD = 56;
  public static final int ENTER_ARGS = 72;
  public static final int ENTER_FILE = 104;
  public static final int ENTER_FILE2 = 120;
  public static final int ENTER_SIZE = 136;

  // struct ior_enter_path (then the path bytes)
  public static final int ENTER_PATH_LEN = 136;
  public static final int ENTER_PATH_SIZE = 144;

  // struct ior_exit_path (then the path bytes)
  public static final int EXIT_PATH_LEN = 56;
  public static final int EXIT_PATH_SIZE = 64;

  // struct ior_name (then the components)
  public static final int NAME_ID = 24;
  public static final int NAME_MAGIC = 40;
  public static final int NAME_NLINK = 48;
  public static final int NAME_LEN = 52;
  public static final int NAME_SIZE = 56;

  // struct ior_signal
  public static final int SIGNAL_SIG = 24;
  public static final int SIGNAL_HANDLER = 28;
  public static final int SIGNAL_SA_FLAGS = 32;
  public static final int SIGNAL_SIZE = 40;

  // struct ior_proc
  public static final int PROC_COMM = 24;
  public static final int PROC_OTHER_PID = 40;
  public static final int PROC_OTHER_TID = 44;
  public static final int PROC_CGROUP_ID = 48;
  public static final int PROC_SIZE = 56;

  // struct ior_config (section .data.cfg, written after the load)
  public static final int CONFIG_SELF_PID = 0;
  public static final int CONFIG_TARGET_PID = 4;
  public static final int CONFIG_TARGET_TID = 8;
  public static final int CONFIG_COMM_LEN = 12;
  public static final int CONFIG_COMM = 16;
  public static final int CONFIG_WAKEUP_BYTES = 32;
  public static final int CONFIG_CGROUP_ID = 40;
  public static final int CONFIG_CGROUP_LEVEL = 48;
  public static final int CONFIG_FOLLOW = 52;
  public static final int CONFIG_SIZE = 56;

  // struct ior_stack (the user stack of the call whose exit follows)
  public static final int STACK_SEQ = 24;
  public static final int STACK_ID = 28;
  public static final int STACK_SP_WORD = 32;
  public static final int STACK_SIZE = 40;

  // struct ior_stack_frames (the frames of a stack id; depth u64 addresses follow)
  public static final int STACK_FRAMES_ID = 24;
  public static final int STACK_FRAMES_DEPTH = 28;
  public static final int STACK_FRAMES_IPS = 32;

  // struct ior_mapping (an executable file mapping of a process with stacks)
  public static final int MAPPING_INDEX = 24;
  public static final int MAPPING_PROT = 28;
  public static final int MAPPING_START = 32;
  public static final int MAPPING_END = 40;
  public static final int MAPPING_OFFSET = 48;
  public static final int MAPPING_FILE = 56;
  public static final int MAPPING_SIZE = 72;

  // struct ior_stack_policy (the value of map ior_stack_cfg)
  public static final int STACK_POLICY_EVERY = 0;
  public static final int STACK_POLICY_SLOW_NS = 8;
  public static final int STACK_POLICY_SIZE = 16;
  /** Frames per stack at most (IOR_STACK_DEPTH): perf's default kernel.perf_event_max_stack. */
  public static final int STACK_DEPTH = 127;

  /** Smallest valid size of a record of this kind (the fixed part), or -1 for an unknown kind. */
  public static int minSize(int kind) {
    switch (kind) {
      case KIND_EXIT:
        return EXIT_SIZE;
      case KIND_ENTER:
        return ENTER_SIZE;
      case KIND_ENTER_PATH:
        return ENTER_PATH_SIZE;
      case KIND_EXIT_PATH:
        return EXIT_PATH_SIZE;
      case KIND_NAME:
        return NAME_SIZE;
      case KIND_SIGNAL:
        return SIGNAL_SIZE;
      case KIND_STACK:
        return STACK_SIZE;
      case KIND_MAPPING:
        return MAPPING_SIZE;
      case KIND_STACK_FRAMES:
        return STACK_FRAMES_IPS + 8;
      case KIND_PROC_EXEC:
      case KIND_PROC_FORK:
      case KIND_TASK_EXIT:
        return PROC_SIZE;
      default:
        return -1;
    }
  }
}
