// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.layout;

import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * Where a given Zeek version, built by a given compiler for a given architecture, keeps its script
 * call stack: the symbol names to look up and the structure offsets to follow. Built-in layouts
 * are resources of this package; users can supply their own as a layout file ({@link
 * LayoutFile}).
 *
 * <pre>{@code
 * ZeekLayout l = LayoutCatalog.builtIn().select("3.0.1", "x86_64", "GCC: 8.3.0").layout();
 * l.offsets().frameNextStmt(); // 144
 * }</pre>
 *
 * @param name short identifier, e.g. {@code zeek-3.0-gcc-x86_64}
 * @param description one line for humans
 * @param versions version patterns this layout applies to; {@code *} matches any characters
 * @param arch architecture as {@link dev.ior.symbols.elf.ElfHeader#architecture()} names it
 * @param compiler text expected in the executable's {@code .comment} section (e.g. {@code GCC});
 *     empty when any compiler will do
 * @param callStackSymbols candidate names of the {@code call_stack} vector, plain or qualified
 * @param frameStackSymbols candidate names of the {@code g_frame_stack} vector
 * @param versionSymbols candidate names of the {@code version} char array
 * @param offsets structure offsets
 */
public record ZeekLayout(
    String name,
    String description,
    List<String> versions,
    String arch,
    String compiler,
    List<String> callStackSymbols,
    List<String> frameStackSymbols,
    List<String> versionSymbols,
    Offsets offsets) {
  /**
   * Checks the components.
   *
   * @param name short identifier, e.g. {@code zeek-3.0-gcc-x86_64}
   * @param description one line for humans
   * @param versions version patterns this layout applies to; {@code *} matches any characters
   * @param arch architecture as {@link dev.ior.symbols.elf.ElfHeader#architecture()} names it
   * @param compiler text expected in the executable's {@code .comment} section (e.g. {@code GCC});
   *     empty when any compiler will do
   * @param callStackSymbols candidate names of the {@code call_stack} vector, plain or qualified
   * @param frameStackSymbols candidate names of the {@code g_frame_stack} vector
   * @param versionSymbols candidate names of the {@code version} char array
   * @param offsets structure offsets
   */
  public ZeekLayout {
    Objects.requireNonNull(name, "name");
    description = description == null ? "" : description;
    versions = List.copyOf(versions);
    Objects.requireNonNull(arch, "arch");
    compiler = compiler == null ? "" : compiler;
    callStackSymbols = List.copyOf(callStackSymbols);
    frameStackSymbols = List.copyOf(frameStackSymbols);
    versionSymbols = List.copyOf(versionSymbols);
    Objects.requireNonNull(offsets, "offsets");
  }

  /**
   * {@return true when {@code version} matches one of {@link #versions()}}
   *
   * @param version a Zeek version, e.g. {@code 6.0.3}
   */
  public boolean matchesVersion(String version) {
    for (String glob : versions) {
      if (globToRegex(glob).matcher(version).matches()) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@return true when the executable's {@code .comment} names this layout's compiler (or any will
   * do)}
   *
   * @param elfComment the executable's {@code .comment}
   */
  public boolean matchesCompiler(String elfComment) {
    return compiler.isEmpty() || elfComment.contains(compiler);
  }

  /** {@return {@code name (versions)} for error messages} */
  public String summary() {
    return name + " (" + String.join(", ", versions) + ")";
  }

  private static Pattern globToRegex(String glob) {
    StringJoiner regex = new StringJoiner(".*");
    for (String literal : glob.split("\\*", -1)) {
      regex.add(Pattern.quote(literal));
    }
    return Pattern.compile(regex.toString());
  }
}
