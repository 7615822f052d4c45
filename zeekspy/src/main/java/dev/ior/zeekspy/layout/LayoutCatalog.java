// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.layout;

import dev.ior.zeekspy.ZeekSpyException;
import dev.ior.zeekspy.ZeekSpyException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The known layouts and the rule that picks one: the architecture must match, the version must
 * match one of the layout's patterns, and among those a layout whose compiler appears in the
 * executable's {@code .comment} is preferred.
 *
 * <pre>{@code
 * LayoutCatalog.Selection s = LayoutCatalog.builtIn().select("3.1.2", "x86_64", elf.comment());
 * ZeekLayout layout = s.layout();
 * s.note();  // non-empty when the compiler did not match
 * }</pre>
 */
public final class LayoutCatalog {
  private static final String INDEX = "layouts.list";

  private final List<ZeekLayout> layouts;

  /**
   * A catalog of the given layouts (tests, or built-ins plus user files).
   *
   * @param layouts the layouts, in the order they are tried
   */
  public LayoutCatalog(List<ZeekLayout> layouts) {
    this.layouts = List.copyOf(layouts);
  }

  /** {@return the layouts shipped as resources of this package (listed in {@code layouts.list})} */
  public static LayoutCatalog builtIn() {
    List<ZeekLayout> list = new ArrayList<>();
    for (String name : resourceText(INDEX).split("\\R")) {
      String n = name.strip();
      if (!n.isEmpty() && !n.startsWith("#")) {
        list.add(LayoutFile.parse(resourceText(n), "built-in " + n));
      }
    }
    return new LayoutCatalog(list);
  }

  /** {@return all layouts, in catalog order} */
  public List<ZeekLayout> layouts() {
    return layouts;
  }

  /**
   * {@return candidate names of the version symbol across all layouts, for reading the version
   * first}
   */
  public List<String> versionSymbols() {
    Set<String> names = new LinkedHashSet<>();
    layouts.forEach(l -> names.addAll(l.versionSymbols()));
    return List.copyOf(names);
  }

  /**
   * A chosen layout and, when the choice is a compromise, a note saying why.
   *
   * @param layout the layout
   * @param note why it is a compromise (e.g. another compiler), or empty
   */
  public record Selection(ZeekLayout layout, String note) {}

  /**
   * Picks the layout for {@code version} on {@code arch}, preferring one whose compiler appears in
   * {@code elfComment}.
   *
   * @param version the Zeek version read from the process, e.g. {@code 6.0.3}
   * @param arch the executable's architecture, e.g. {@code x86_64}
   * @param elfComment the executable's {@code .comment} (compiler identification), may be empty
   * @return the layout and, when it is a compromise, why
   * @throws ZeekSpyException UNKNOWN_VERSION naming the known layouts and the override
   */
  public Selection select(String version, String arch, String elfComment) {
    List<ZeekLayout> matching = layouts.stream()
        .filter(l -> l.arch().equals(arch) && l.matchesVersion(version))
        .collect(Collectors.toList());
    for (ZeekLayout l : matching) {
      if (l.matchesCompiler(elfComment)) {
        return new Selection(l, "");
      }
    }
    if (!matching.isEmpty()) {
      ZeekLayout l = matching.get(0);
      return new Selection(l, "layout " + l.name() + " expects compiler '" + l.compiler()
          + "' but the executable says '" + elfComment.lines().findFirst().orElse("")
          + "'; offsets may differ");
    }
    throw new ZeekSpyException(Reason.UNKNOWN_VERSION, "no built-in layout for Zeek version '"
        + version + "' on " + arch + "; known layouts: " + known()
        + ". Describe this build in a layout file (format: docs/zeekspy.md) and pass it with"
        + " -layout FILE");
  }

  private String known() {
    return layouts.stream().map(l -> l.summary() + " on " + l.arch())
        .collect(Collectors.joining(", "));
  }

  private static String resourceText(String name) {
    try (InputStream in = LayoutCatalog.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name + " next to "
            + LayoutCatalog.class.getName());
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
