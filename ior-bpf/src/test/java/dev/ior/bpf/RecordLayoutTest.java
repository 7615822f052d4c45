// SPDX-License-Identifier: Apache-2.0
package dev.ior.bpf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ior.core.internal.decode.RecordLayout;
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
    C.put("PATH_MAX", "IOR_PATH_MAX");
    C.put("NR_SLOTS", "IOR_NR_SLOTS");
    C.put("KIND_EXIT", "IOR_EXIT");
    C.put("KIND_ENTER", "IOR_ENTER");
    C.put("KIND_ENTER_PATH", "IOR_ENTER_PATH");
    C.put("KIND_PROC_EXEC", "IOR_PROC_EXEC");
    C.put("KIND_PROC_FORK", "IOR_PROC_FORK");
    C.put("KIND_TASK_EXIT", "IOR_TASK_EXIT");
    C.put("KIND_EXIT_PATH", "IOR_EXIT_PATH");
    C.put("KIND_NAME", "IOR_NAME");
    C.put("KIND_SIGNAL", "IOR_SIGNAL");
    C.put("KIND_STACK", "IOR_STACK");
    C.put("KIND_MAPPING", "IOR_MAPPING");
    C.put("KIND_STACK_FRAMES", "IOR_STACK_FRAMES");
    C.put("SHAPE_NONE", "IOR_SHAPE_NONE");
    C.put("SHAPE_FD", "IOR_SHAPE_FD");
    C.put("SHAPE_PATH", "IOR_SHAPE_PATH");
    C.put("SHAPE_OPEN", "IOR_SHAPE_OPEN");
    C.put("SHAPE_OPENHOW", "IOR_SHAPE_OPENHOW");
    C.put("SHAPE_NAME", "IOR_SHAPE_NAME");
    C.put("SYS_TRACED", "IOR_SYS_TRACED");
    C.put("SYS_FD2", "IOR_SYS_FD2");
    C.put("SYS_RET_FD", "IOR_SYS_RET_FD");
    C.put("SYS_RENAMES", "IOR_SYS_RENAMES");
    C.put("SYS_FILE_MAP", "IOR_SYS_FILE_MAP");
    C.put("F_COMPAT", "IOR_F_COMPAT");
    C.put("F_PATH_LATE", "IOR_F_PATH_LATE");
    C.put("F_PATH_CUT", "IOR_F_PATH_CUT");
    C.put("F_GROUP_DEAD", "IOR_F_GROUP_DEAD");
    C.put("F_THREAD", "IOR_F_THREAD");
    C.put("F_REFUSED", "IOR_F_REFUSED");
    C.put("F_SHARED_FILES", "IOR_F_SHARED_FILES");
    C.put("F_ROOT_BASE", "IOR_F_ROOT_BASE");
    C.put("F_ROOT_BASE2", "IOR_F_ROOT_BASE2");
    C.put("F_IDENT", "IOR_F_IDENT");
    C.put("SYSENT_ID", "offsetof(struct ior_sysent, id)");
    C.put("SYSENT_SHAPE", "offsetof(struct ior_sysent, shape)");
    C.put("SYSENT_FLAGS", "offsetof(struct ior_sysent, flags)");
    C.put("SYSENT_ARG", "offsetof(struct ior_sysent, arg)");
    C.put("SYSENT_SIZE", "sizeof(struct ior_sysent)");
    C.put("HEAD_KIND", "offsetof(struct ior_head, kind)");
    C.put("HEAD_SYS", "offsetof(struct ior_head, sys)");
    C.put("HEAD_FLAGS", "offsetof(struct ior_head, flags)");
    C.put("HEAD_PID", "offsetof(struct ior_head, pid)");
    C.put("HEAD_TID", "offsetof(struct ior_head, tid)");
    C.put("HEAD_TIME_NS", "offsetof(struct ior_head, time_ns)");
    C.put("HEAD_SIZE", "sizeof(struct ior_head)");
    C.put("IDENT_INO", "offsetof(struct ior_ident, ino)");
    C.put("IDENT_DEV", "offsetof(struct ior_ident, dev)");
    C.put("IDENT_GEN", "offsetof(struct ior_ident, gen)");
    C.put("IDENT_SIZE", "sizeof(struct ior_ident)");
    C.put("EXIT_SEQ", "offsetof(struct ior_exit, seq)");
    C.put("EXIT_NR", "offsetof(struct ior_exit, nr)");
    C.put("EXIT_RET", "offsetof(struct ior_exit, ret)");
    C.put("EXIT_FILE", "offsetof(struct ior_exit, file)");
    C.put("EXIT_SIZE", "sizeof(struct ior_exit)");
    C.put("ENTER_SEQ", "offsetof(struct ior_enter, seq)");
    C.put("ENTER_NR", "offsetof(struct ior_enter, nr)");
    C.put("ENTER_CGROUP_ID", "offsetof(struct ior_enter, cgroup_id)");
    C.put("ENTER_COMM", "offsetof(struct ior_enter, comm)");
    C.put("ENTER_THREAD", "offsetof(struct ior_enter, thread)");
    C.put("ENTER_ARGS", "offsetof(struct ior_enter, args)");
    C.put("ENTER_FILE", "offsetof(struct ior_enter, file)");
    C.put("ENTER_FILE2", "offsetof(struct ior_enter, file2)");
    C.put("ENTER_SIZE", "sizeof(struct ior_enter)");
    C.put("ENTER_PATH_LEN", "offsetof(struct ior_enter_path, len)");
    C.put("ENTER_PATH_SIZE", "sizeof(struct ior_enter_path)");
    C.put("EXIT_PATH_LEN", "offsetof(struct ior_exit_path, len)");
    C.put("EXIT_PATH_SIZE", "sizeof(struct ior_exit_path)");
    C.put("NAME_ID", "offsetof(struct ior_name, id)");
    C.put("NAME_MAGIC", "offsetof(struct ior_name, magic)");
    C.put("NAME_NLINK", "offsetof(struct ior_name, nlink)");
    C.put("NAME_LEN", "offsetof(struct ior_name, len)");
    C.put("NAME_SIZE", "sizeof(struct ior_name)");
    C.put("SIGNAL_SIG", "offsetof(struct ior_signal, sig)");
    C.put("SIGNAL_HANDLER", "offsetof(struct ior_signal, handler)");
    C.put("SIGNAL_SA_FLAGS", "offsetof(struct ior_signal, sa_flags)");
    C.put("SIGNAL_SIZE", "sizeof(struct ior_signal)");
    C.put("PROC_COMM", "offsetof(struct ior_proc, comm)");
    C.put("PROC_OTHER_PID", "offsetof(struct ior_proc, other_pid)");
    C.put("PROC_OTHER_TID", "offsetof(struct ior_proc, other_tid)");
    C.put("PROC_CGROUP_ID", "offsetof(struct ior_proc, cgroup_id)");
    C.put("PROC_SIZE", "sizeof(struct ior_proc)");
    C.put("CONFIG_SELF_PID", "offsetof(struct ior_config, self_pid)");
    C.put("CONFIG_TARGET_PID", "offsetof(struct ior_config, target_pid)");
    C.put("CONFIG_TARGET_TID", "offsetof(struct ior_config, target_tid)");
    C.put("CONFIG_COMM_LEN", "offsetof(struct ior_config, comm_len)");
    C.put("CONFIG_COMM", "offsetof(struct ior_config, comm)");
    C.put("CONFIG_WAKEUP_BYTES", "offsetof(struct ior_config, wakeup_bytes)");
    C.put("CONFIG_CGROUP_ID", "offsetof(struct ior_config, cgroup_id)");
    C.put("CONFIG_CGROUP_LEVEL", "offsetof(struct ior_config, cgroup_level)");
    C.put("CONFIG_FOLLOW", "offsetof(struct ior_config, follow)");
    C.put("CONFIG_SIZE", "sizeof(struct ior_config)");
    C.put("STACK_SEQ", "offsetof(struct ior_stack, seq)");
    C.put("STACK_ID", "offsetof(struct ior_stack, stack_id)");
    C.put("STACK_SP_WORD", "offsetof(struct ior_stack, sp_word)");
    C.put("STACK_SIZE", "sizeof(struct ior_stack)");
    C.put("STACK_POLICY_EVERY", "offsetof(struct ior_stack_policy, every)");
    C.put("STACK_POLICY_SLOW_NS", "offsetof(struct ior_stack_policy, slow_ns)");
    C.put("STACK_POLICY_SIZE", "sizeof(struct ior_stack_policy)");
    C.put("STACK_DEPTH", "IOR_STACK_DEPTH");
    C.put("STACK_FRAMES_ID", "offsetof(struct ior_stack_frames, stack_id)");
    C.put("STACK_FRAMES_DEPTH", "offsetof(struct ior_stack_frames, depth)");
    C.put("STACK_FRAMES_IPS", "offsetof(struct ior_stack_frames, ips)");
    C.put("MAPPING_INDEX", "offsetof(struct ior_mapping, index)");
    C.put("MAPPING_PROT", "offsetof(struct ior_mapping, prot)");
    C.put("MAPPING_START", "offsetof(struct ior_mapping, start)");
    C.put("MAPPING_END", "offsetof(struct ior_mapping, end)");
    C.put("MAPPING_OFFSET", "offsetof(struct ior_mapping, offset)");
    C.put("MAPPING_FILE", "offsetof(struct ior_mapping, file)");
    C.put("MAPPING_SIZE", "sizeof(struct ior_mapping)");
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
      if (f.getType() == int.class && !f.getName().equals("FORMAT_VERSION")) {
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
