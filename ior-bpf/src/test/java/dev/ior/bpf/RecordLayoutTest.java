// SPDX-License-Identifier: Apache-2.0
package dev.ior.bpf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ior.core.decode.RecordLayout;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java decoder's offsets equal the C header's: compiles a probe that prints offsetof/sizeof
 * of every field of ior.h with gcc and compares with {@link RecordLayout}.
 */
class RecordLayoutTest {
  private static final Map<String, String> C = new LinkedHashMap<>();

  static {
    C.put("COMM_LEN", "IOR_COMM_LEN");
    C.put("PATH_LEN", "IOR_PATH_LEN");
    C.put("KIND_EXIT", "IOR_EXIT");
    C.put("KIND_ENTER_ARGS", "IOR_ENTER_ARGS");
    C.put("KIND_ENTER_PATH", "IOR_ENTER_PATH");
    C.put("KIND_ENTER_NAME", "IOR_ENTER_NAME");
    C.put("KIND_PROC_EXEC", "IOR_PROC_EXEC");
    C.put("KIND_PROC_FORK", "IOR_PROC_FORK");
    C.put("KIND_TASK_EXIT", "IOR_TASK_EXIT");
    C.put("HEAD_KIND", "offsetof(struct ior_head, kind)");
    C.put("HEAD_SYS", "offsetof(struct ior_head, sys)");
    C.put("HEAD_PID", "offsetof(struct ior_head, pid)");
    C.put("HEAD_TID", "offsetof(struct ior_head, tid)");
    C.put("HEAD_TIME_NS", "offsetof(struct ior_head, time_ns)");
    C.put("HEAD_SIZE", "sizeof(struct ior_head)");
    C.put("EXIT_RET", "offsetof(struct ior_exit, ret)");
    C.put("EXIT_SIZE", "sizeof(struct ior_exit)");
    C.put("ENTER_COMM", "offsetof(struct ior_enter, comm)");
    C.put("ENTER_SIZE", "sizeof(struct ior_enter)");
    C.put("ARGS_ARGS", "offsetof(struct ior_enter_args, args)");
    C.put("ARGS_SIZE", "sizeof(struct ior_enter_args)");
    C.put("PATH_DIRFD", "offsetof(struct ior_enter_path, dirfd)");
    C.put("PATH_FLAGS", "offsetof(struct ior_enter_path, flags)");
    C.put("PATH_MODE", "offsetof(struct ior_enter_path, mode)");
    C.put("PATH_PATH_LEN", "offsetof(struct ior_enter_path, path_len)");
    C.put("PATH_PATH", "offsetof(struct ior_enter_path, path)");
    C.put("PATH_SIZE", "sizeof(struct ior_enter_path)");
    C.put("NAME_OLD_DIRFD", "offsetof(struct ior_enter_name, old_dirfd)");
    C.put("NAME_NEW_DIRFD", "offsetof(struct ior_enter_name, new_dirfd)");
    C.put("NAME_OLD_LEN", "offsetof(struct ior_enter_name, old_len)");
    C.put("NAME_NEW_LEN", "offsetof(struct ior_enter_name, new_len)");
    C.put("NAME_OLD_PATH", "offsetof(struct ior_enter_name, old_path)");
    C.put("NAME_NEW_PATH", "offsetof(struct ior_enter_name, new_path)");
    C.put("NAME_SIZE", "sizeof(struct ior_enter_name)");
    C.put("PROC_COMM", "offsetof(struct ior_proc, comm)");
    C.put("PROC_OTHER_TID", "offsetof(struct ior_proc, other_tid)");
    C.put("PROC_SIZE", "sizeof(struct ior_proc)");
    C.put("CONFIG_SELF_PID", "offsetof(struct ior_config, self_pid)");
    C.put("CONFIG_TARGET_PID", "offsetof(struct ior_config, target_pid)");
    C.put("CONFIG_TARGET_TID", "offsetof(struct ior_config, target_tid)");
    C.put("CONFIG_COMM_LEN", "offsetof(struct ior_config, comm_len)");
    C.put("CONFIG_COMM", "offsetof(struct ior_config, comm)");
    C.put("CONFIG_WAKEUP_BYTES", "offsetof(struct ior_config, wakeup_bytes)");
    C.put("CONFIG_FORK_CHILD_OFF", "offsetof(struct ior_config, fork_child_off)");
    C.put("CONFIG_SIZE", "sizeof(struct ior_config)");
  }

  @Test
  void everyJavaConstantMatchesTheHeader(@TempDir Path tmp) throws Exception {
    StringBuilder src = new StringBuilder(
        "#include <stdio.h>\n#include <stddef.h>\n#include \"ior.h\"\nint main(void) {\n");
    for (Map.Entry<String, String> e : C.entrySet()) {
      src.append("  printf(\"%s %zu\\n\", \"").append(e.getKey()).append("\", (size_t)(")
          .append(e.getValue()).append("));\n");
    }
    src.append("  return 0;\n}\n");
    Path c = tmp.resolve("probe.c");
    Files.writeString(c, src);
    Path exe = tmp.resolve("probe");
    run("gcc", "-Wall", "-Werror", "-I" + header().getParent(), "-o", exe.toString(), c.toString());
    String out = run(exe.toString());
    Map<String, Long> fromC = new LinkedHashMap<>();
    for (String line : out.split("\n")) {
      String[] kv = line.split(" ");
      fromC.put(kv[0], Long.parseLong(kv[1]));
    }
    int checked = 0;
    for (Field f : RecordLayout.class.getFields()) {
      if (f.getType() == int.class) {
        assertEquals(fromC.get(f.getName()), (long) f.getInt(null),
            "RecordLayout." + f.getName() + " vs ior.h");
        checked++;
      }
    }
    assertEquals(C.size(), checked, "every constant of RecordLayout has a C counterpart");
  }

  static Path header() {
    String root = System.getenv().getOrDefault("IOR_REPO_ROOT", "..");
    return Paths.get(root, "ior-bpf/src/main/bpf/ior.h").toAbsolutePath();
  }

  private static String run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), String.join(" ", cmd) + ":\n" + out);
    return out;
  }
}
