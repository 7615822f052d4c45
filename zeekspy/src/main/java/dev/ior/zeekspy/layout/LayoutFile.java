// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.layout;

import dev.ior.zeekspy.ZeekSpyException;
import dev.ior.zeekspy.ZeekSpyException.Reason;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a layout file: Java properties syntax ({@code key = value}, {@code #} comments), one key
 * per symbol list and offset. Every key is required (but {@code string.abi}, which defaults to
 * {@code libstdc++}) and unknown keys are rejected, so a typo cannot silently fall back to a
 * default. The format is documented in {@code docs/zeekspy.md}; {@link #format} writes it.
 *
 * <pre>{@code
 * ZeekLayout mine = LayoutFile.read(Path.of("zeek-3.2-clang.layout"));
 * String text = LayoutFile.format(mine);   // parse(text, ...) gives it back
 * }</pre>
 */
public final class LayoutFile {
  private static final List<String> OFFSET_KEYS = List.of(
      "vector.start", "vector.finish", "vector.end_of_storage",
      "callinfo.size", "callinfo.call", "callinfo.func",
      "obj.location", "func.kind", "func.script_kind", "func.name",
      "string.data", "string.size",
      "location.filename", "location.first_line", "frame.next_stmt");
  private static final List<String> TEXT_KEYS = List.of(
      "name", "description", "versions", "arch", "compiler",
      "symbol.call_stack", "symbol.g_frame_stack", "symbol.version");
  /** The one optional key: layouts written before libc++ support are all libstdc++. */
  private static final String STRING_ABI = "string.abi";

  private LayoutFile() {}

  /**
   * Reads and validates a layout file.
   *
   * @param file a layout file
   * @return the layout
   * @throws dev.ior.zeekspy.ZeekSpyException BAD_LAYOUT when the file cannot be read or is invalid
   */
  public static ZeekLayout read(Path file) {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(r, file.toString());
    } catch (IOException e) {
      throw new ZeekSpyException(Reason.BAD_LAYOUT,
          "cannot read layout file " + file + ": " + e, e);
    }
  }

  /**
   * Parses layout text; {@code source} names it in error messages.
   *
   * @param text the layout file's text
   * @param source names the text in error messages
   * @return the layout
   * @throws dev.ior.zeekspy.ZeekSpyException BAD_LAYOUT naming what is wrong
   */
  public static ZeekLayout parse(String text, String source) {
    try {
      return parse(new StringReader(text), source);
    } catch (IOException e) {
      throw new IllegalStateException(e); // a StringReader does not fail
    }
  }

  private static ZeekLayout parse(Reader r, String source) throws IOException {
    Properties p = new Properties();
    p.load(r);
    checkKeys(p, source);
    int[] o = new int[OFFSET_KEYS.size()];
    for (int i = 0; i < o.length; i++) {
      o[i] = number(p, OFFSET_KEYS.get(i), source);
    }
    StringAbi abi;
    try {
      abi = StringAbi.parse(p.getProperty(STRING_ABI, StringAbi.LIBSTDCXX.key()));
    } catch (IllegalArgumentException e) {
      throw bad(source, e.getMessage());
    }
    Offsets offsets = new Offsets(o[0], o[1], o[2], o[3], o[4], o[5], o[6], o[7], o[8], o[9],
        o[10], o[11], o[12], o[13], o[14], abi);
    checkOffsets(offsets, source);
    return new ZeekLayout(text(p, "name"), text(p, "description"), list(p, "versions", source),
        text(p, "arch"), text(p, "compiler"), list(p, "symbol.call_stack", source),
        list(p, "symbol.g_frame_stack", source), list(p, "symbol.version", source), offsets);
  }

  private static void checkKeys(Properties p, String source) {
    Set<String> unknown = new TreeSet<>(p.stringPropertyNames());
    unknown.removeAll(OFFSET_KEYS);
    unknown.removeAll(TEXT_KEYS);
    unknown.remove(STRING_ABI);
    if (!unknown.isEmpty()) {
      throw bad(source, "unknown keys " + unknown + "; known keys: " + TEXT_KEYS + " "
          + OFFSET_KEYS);
    }
    List<String> missing = new ArrayList<>();
    for (String k : OFFSET_KEYS) {
      if (!p.containsKey(k)) {
        missing.add(k);
      }
    }
    for (String k : List.of("name", "versions", "arch", "symbol.call_stack",
        "symbol.g_frame_stack", "symbol.version")) {
      if (p.getProperty(k, "").isBlank()) {
        missing.add(k);
      }
    }
    if (!missing.isEmpty()) {
      throw bad(source, "missing keys " + missing);
    }
  }

  private static void checkOffsets(Offsets o, String source) {
    if (o.callInfoSize() < 16 || o.callInfoSize() % 8 != 0) {
      throw bad(source, "callinfo.size must be a multiple of 8 and >= 16, is " + o.callInfoSize());
    }
    if (Math.max(o.callInfoCall(), o.callInfoFunc()) + 8 > o.callInfoSize()) {
      throw bad(source, "callinfo.call and callinfo.func must lie inside callinfo.size");
    }
    for (int v : new int[] {o.vectorStart(), o.vectorFinish(), o.vectorEndOfStorage(),
        o.callInfoCall(), o.callInfoFunc(), o.objLocation(), o.funcName(), o.stringData(),
        o.stringSize(), o.locationFilename(), o.frameNextStmt()}) {
      if (v % 8 != 0) {
        throw bad(source, "pointer and size fields must be 8-byte aligned on 64-bit targets");
      }
    }
  }

  /**
   * {@return the layout as a layout file that {@link #parse} reads back to an equal layout, with a
   * comment naming each structure; {@code header} lines (may be empty) become comments at the top}
   *
   * @param l the layout
   * @param header comment lines for the top, without {@code #}; may be empty
   */
  public static String format(ZeekLayout l, List<String> header) {
    Offsets o = l.offsets();
    StringBuilder sb = new StringBuilder();
    header.forEach(h -> sb.append("# ").append(h).append('\n'));
    line(sb, "name", l.name());
    line(sb, "description", l.description());
    line(sb, "versions", String.join(", ", l.versions()));
    line(sb, "arch", l.arch());
    line(sb, "compiler", l.compiler());
    line(sb, "symbol.call_stack", String.join(", ", l.callStackSymbols()));
    line(sb, "symbol.g_frame_stack", String.join(", ", l.frameStackSymbols()));
    line(sb, "symbol.version", String.join(", ", l.versionSymbols()));
    sb.append("\n# std::vector<T>: first element, one past the last, end of storage\n");
    line(sb, "vector.start", o.vectorStart());
    line(sb, "vector.finish", o.vectorFinish());
    line(sb, "vector.end_of_storage", o.vectorEndOfStorage());
    sb.append("# CallInfo: size, CallExpr* call, Func* func\n");
    line(sb, "callinfo.size", o.callInfoSize());
    line(sb, "callinfo.call", o.callInfoCall());
    line(sb, "callinfo.func", o.callInfoFunc());
    sb.append("# Obj (BroObj): Location* location\n");
    line(sb, "obj.location", o.objLocation());
    sb.append("# Func: Kind kind, the value of kind for script functions, std::string name\n");
    line(sb, "func.kind", o.funcKind());
    line(sb, "func.script_kind", o.scriptKind());
    line(sb, "func.name", o.funcName());
    sb.append("# std::string: standard library, data pointer, length\n");
    line(sb, STRING_ABI, o.stringAbi().key());
    line(sb, "string.data", o.stringData());
    line(sb, "string.size", o.stringSize());
    sb.append("# Location: const char* filename, int first_line\n");
    line(sb, "location.filename", o.locationFilename());
    line(sb, "location.first_line", o.locationFirstLine());
    sb.append("# Frame: const Stmt* next_stmt\n");
    line(sb, "frame.next_stmt", o.frameNextStmt());
    return sb.toString();
  }

  private static void line(StringBuilder sb, String key, Object value) {
    // Properties syntax: a value's leading blanks would be dropped and '\\' starts an escape.
    sb.append(key).append(" = ").append(String.valueOf(value).replace("\\", "\\\\"))
        .append('\n');
  }

  private static int number(Properties p, String key, String source) {
    String v = p.getProperty(key).strip();
    try {
      int n = v.startsWith("0x") ? Integer.parseInt(v.substring(2), 16) : Integer.parseInt(v);
      if (n < 0 || n > 65536) {
        throw bad(source, key + " = " + v + " is out of range 0..65536");
      }
      return n;
    } catch (NumberFormatException e) {
      throw bad(source, key + " = " + v + " is not a number (decimal or 0x hex)");
    }
  }

  private static String text(Properties p, String key) {
    return p.getProperty(key, "").strip();
  }

  private static List<String> list(Properties p, String key, String source) {
    List<String> items = new ArrayList<>();
    for (String s : Arrays.asList(text(p, key).split("[,\\s]+"))) {
      if (!s.isEmpty()) {
        items.add(s);
      }
    }
    if (items.isEmpty()) {
      throw bad(source, key + " is empty");
    }
    return items;
  }

  private static ZeekSpyException bad(String source, String what) {
    return new ZeekSpyException(Reason.BAD_LAYOUT, "layout " + source + ": " + what);
  }
}
