// SPDX-License-Identifier: Apache-2.0
package dev.ior.bpf.internal.lib;

import com.sun.jna.Callback;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;

/**
 * The part of libbpf 1.x (Debian {@code libbpf1}, {@code libbpf.so.1}) that ior uses, bound with
 * JNA direct mapping. Only control-path calls: the ring buffer is read from mapped memory.
 * libbpf 1.x returns NULL or a negative errno and sets errno on failure.
 */
public final class LibBpf {
  private LibBpf() {}

  private static volatile Throwable loadError;

  static {
    try {
      Native.register(LibBpf.class, NativeLibrary.getInstance("libbpf.so.1"));
    } catch (Throwable t) { // UnsatisfiedLinkError: library or symbol missing
      loadError = t;
    }
  }

  /** Null when libbpf loaded, else why it did not. */
  public static Throwable loadError() {
    return loadError;
  }

  /** libbpf's log callback; C's va_list is passed through as a pointer. */
  public interface PrintFn extends Callback {
    int invoke(int level, String format, Pointer args);
  }

  public static native Pointer libbpf_set_print(PrintFn fn);

  public static native int libbpf_num_possible_cpus();

  public static native Pointer bpf_object__open_mem(Pointer buf, long size, Pointer opts);

  public static native int bpf_object__load(Pointer obj);

  public static native void bpf_object__close(Pointer obj);

  public static native Pointer bpf_object__next_program(Pointer obj, Pointer prev);

  public static native Pointer bpf_object__find_map_by_name(Pointer obj, String name);

  public static native String bpf_program__name(Pointer prog);

  public static native int bpf_program__set_autoload(Pointer prog, boolean autoload);

  /** Attaches by the program's section (tp_btf/NAME here). */
  public static native Pointer bpf_program__attach(Pointer prog);

  public static native int bpf_program__fd(Pointer prog);

  /** struct bpf_prog_info of a loaded program (libbpf 1.1 has no bpf_prog_get_info_by_fd). */
  public static native int bpf_obj_get_info_by_fd(int fd, Pointer info, IntByReference len);

  public static native int bpf_link__destroy(Pointer link);

  public static native int bpf_map__fd(Pointer map);

  public static native int bpf_map__set_max_entries(Pointer map, int maxEntries);

  public static native Pointer bpf_map__initial_value(Pointer map, LongByReference size);

  /** BPF_MAP_UPDATE_BATCH (Linux 5.6+ for arrays); opts may be null. 0 or a negative errno. */
  public static native int bpf_map_update_batch(int fd, Pointer keys, Pointer values,
      IntByReference count, Pointer opts);

  public static native int bpf_map_lookup_elem(int fd, Pointer key, Pointer value);

  public static native int bpf_map_update_elem(int fd, Pointer key, Pointer value, long flags);

  public static native int bpf_map_delete_elem(int fd, Pointer key);
}
