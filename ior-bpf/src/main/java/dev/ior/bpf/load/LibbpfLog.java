// SPDX-License-Identifier: Apache-2.0
package dev.ior.bpf.load;

import com.sun.jna.Pointer;
import dev.ior.bpf.internal.lib.LibBpf;
import dev.ior.bpf.internal.lib.LibC;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects libbpf's warnings so that a failure can quote them instead of libbpf printing to
 * stderr behind our back. libbpf has one process-wide log function: this one, or none while a
 * load goes unheard; the callback object must stay reachable or JNA frees it while libbpf still
 * calls it.
 */
final class LibbpfLog {
  private static final int LEVEL_WARN = 0;
  private static final List<String> lines = new ArrayList<>();
  private static final LibBpf.PrintFn CALLBACK = LibbpfLog::print;

  private LibbpfLog() {}

  /** libbpf writes its lines here from now on. */
  static void listen() {
    LibBpf.libbpf_set_print(CALLBACK);
  }

  /** libbpf writes no line from now on (not even to stderr) until {@link #listen}. */
  static void mute() {
    LibBpf.libbpf_set_print(null);
  }

  private static int print(int level, String format, Pointer args) {
    try {
      if (level == LEVEL_WARN) {
        byte[] buf = new byte[1024];
        int n = LibC.vsnprintf(buf, buf.length, format, args);
        String s = new String(buf, 0, Math.max(0, Math.min(n, buf.length - 1)),
            StandardCharsets.UTF_8).strip();
        synchronized (lines) {
          if (lines.size() < 200) {
            lines.add(s);
          }
        }
      }
    } catch (Throwable t) {
      // Nothing may unwind into libbpf.
    }
    return 0;
  }

  /** Forgets earlier lines. */
  static void reset() {
    synchronized (lines) {
      lines.clear();
    }
  }

  /** The warnings since {@link #reset()}, the last {@code max} of them joined. */
  static String last(int max) {
    synchronized (lines) {
      int from = Math.max(0, lines.size() - max);
      return String.join(" | ", lines.subList(from, lines.size()));
    }
  }
}
