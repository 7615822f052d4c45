// SPDX-License-Identifier: Apache-2.0
package dev.ior.testdata.diff;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A generated C program: the fixed prelude, then its steps in order after the start mark.
 *
 * @param seed the seed it was generated from (its name in every report)
 * @param kind the kind the seed selected (other steps are plain I/O and opens that show names)
 * @param steps the operations, each independent of the others
 * @param variant "" for the generated program; a suffix naming a shrinker's variant of it
 */
public record Program(long seed, Kind kind, List<Step> steps, String variant) {
  private static final String PRELUDE = readPrelude();

  public Program {
    steps = List.copyOf(steps);
  }

  /** The generated program of {@code seed}. */
  public Program(long seed, Kind kind, List<Step> steps) {
    this(seed, kind, steps, "");
  }

  /**
   * The same program without the steps at {@code indices} (what the shrinker tries), named
   * {@code variant}.
   */
  public Program without(List<Integer> indices, String variant) {
    List<Step> rest = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      if (!indices.contains(i)) {
        rest.add(steps.get(i));
      }
    }
    return new Program(seed, kind, rest, variant);
  }

  /** Name used for files and markers: {@code s<seed>} and the variant. */
  public String name() {
    return "s" + seed + variant;
  }

  /** The kinds of the steps, in order of first use, joined by '+': what a minimal program covers. */
  public String stepKinds() {
    StringBuilder sb = new StringBuilder();
    steps.stream().map(Step::kind).distinct().forEach(k -> {
      if (sb.length() > 0) {
        sb.append('+');
      }
      sb.append(k.id());
    });
    return sb.toString();
  }

  /** The complete C source of a standalone program. */
  public String source() {
    return PRELUDE + '\n' + main();
  }

  /** The step functions and main(): the part that differs between programs (what a report prints). */
  public String main() {
    return text("int main(int argc, char **argv) {");
  }

  /**
   * A translation unit for a batch binary: the prelude, the step functions and the program as
   * function {@link #entry()} instead of main (the batch's main dispatches on argv[0]).
   */
  public String unit() {
    return PRELUDE + '\n' + text("int " + entry() + "(int argc, char **argv) {");
  }

  /** The C function a batch binary calls for this program. */
  public String entry() {
    return "prog_" + name();
  }

  private String text(String header) {
    StringBuilder c = new StringBuilder();
    for (Step s : steps) {
      if (!s.functions().isEmpty()) {
        c.append(s.functions()).append('\n');
      }
    }
    c.append(header).append('\n')
        .append("  SELF = argv[0];\n")
        .append("  if (argc > 1 && strcmp(argv[1], \"after\") == 0) return after_exec();\n")
        .append("  if (make_files() != 0) return 99;\n")
        .append("  mark(\"").append(name()).append("\");\n");
    for (Step s : steps) {
      c.append("  // ").append(s.kind().id()).append('\n');
      for (String line : s.code().split("\n")) {
        c.append("  ").append(line).append('\n');
      }
    }
    c.append("  return 0;\n}\n");
    return c.toString();
  }

  private static String readPrelude() {
    try (InputStream in = Program.class.getResourceAsStream("prelude.c")) {
      if (in == null) {
        throw new IllegalStateException("missing resource prelude.c");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
