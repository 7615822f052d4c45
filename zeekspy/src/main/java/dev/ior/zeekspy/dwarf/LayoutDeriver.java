// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.dwarf;

import dev.ior.zeekspy.layout.Offsets;
import dev.ior.zeekspy.layout.StringAbi;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Derives the offsets zeekspy needs from the DWARF types of a Zeek build: {@code CallInfo},
 * {@code Frame}, {@code Func} (with its {@code Kind} enumeration and the {@code location} of its
 * {@code Obj}/{@code BroObj} base), {@code Stmt}, {@code Location}, the {@code std::vector} of
 * {@code call_stack} and the {@code std::string} of {@code Func::name} (libstdc++ or libc++), under
 * their Zeek 3 names or the namespaced names of Zeek 4 and later ({@code zeek::detail::Frame},
 * {@code zeek::Func}, ...). Units are scanned in order until every structure has been seen with
 * its members.
 *
 * <pre>{@code
 * LayoutDeriver.Result r = LayoutDeriver.derive(reader);
 * if (r.offsets() != null) { ... } else { System.err.println(r.problem()); }
 * }</pre>
 */
public final class LayoutDeriver {
  private static final int MAX_NESTING = 8;

  /** Structure → its candidate qualified names, in the order Zeek releases used them. */
  private static final Map<String, List<String>> TYPES = new LinkedHashMap<>();

  static {
    TYPES.put("CallInfo", List.of("CallInfo", "zeek::detail::CallInfo"));
    TYPES.put("Frame", List.of("Frame", "zeek::detail::Frame"));
    TYPES.put("Func", List.of("Func", "zeek::Func"));
    TYPES.put("Stmt", List.of("Stmt", "zeek::detail::Stmt"));
    TYPES.put("Location", List.of("Location", "zeek::detail::Location"));
  }

  /** Members a candidate must have to be taken (another library may define a global Frame). */
  private static final Map<String, List<String>> MEMBERS = Map.of(
      "CallInfo", List.of("call", "func"),
      "Frame", List.of("next_stmt"),
      "Func", List.of("kind", "name", "location"),
      "Stmt", List.of("location"),
      "Location", List.of("filename", "first_line"));

  private static final List<String> CALL_STACK = List.of("call_stack",
      "zeek::detail::call_stack");

  private final List<DwarfReader> readers;
  private final Map<String, Die> found = new HashMap<>();
  private Die callStack;
  private String callStackName;

  private LayoutDeriver(List<DwarfReader> readers) {
    this.readers = readers;
  }

  /**
   * The outcome: offsets, or the problem that prevented them.
   *
   * @param offsets the derived offsets, or null
   * @param problem why there are none (names what is missing), or empty
   * @param callStackName the qualified name under which {@code call_stack} was declared
   */
  public record Result(Offsets offsets, String problem, String callStackName) {}

  /**
   * Scans {@code readers} (the executable's DWARF, or its split objects) and derives the offsets.
   *
   * @param readers DWARF readers, in order
   * @return the offsets, or why there are none
   * @throws DwarfFormatException when the DWARF is malformed
   */
  public static Result derive(List<DwarfReader> readers) {
    return new LayoutDeriver(List.copyOf(readers)).run();
  }

  private Result run() {
    for (DwarfReader reader : readers) {
      reader.scan(unit -> {
        visit(unit.root(), "");
        return !complete();
      });
      if (complete()) {
        break;
      }
    }
    String source = readers.isEmpty() ? "(no file)" : readers.get(0).source()
        + (readers.size() > 1 ? " and " + (readers.size() - 1) + " more" : "");
    List<String> missing = new ArrayList<>();
    for (String t : TYPES.keySet()) {
      if (!found.containsKey(t) && !t.equals("Stmt")) {
        missing.add(String.join(" or ", TYPES.get(t)));
      }
    }
    if (callStack == null) {
      missing.add("the variable call_stack");
    }
    if (!missing.isEmpty()) {
      return new Result(null, "the DWARF of " + source + " describes no "
          + String.join(", ", missing), "");
    }
    try {
      return new Result(offsets(), "", callStackName);
    } catch (Missing m) {
      return new Result(null, "the DWARF of " + source + ": " + m.getMessage(), "");
    }
  }

  private boolean complete() {
    return callStack != null && found.keySet().containsAll(TYPES.keySet());
  }

  private void visit(Die scope, String prefix) {
    for (Die d : scope.children) {
      if (d.name == null) {
        continue;
      }
      String q = prefix.isEmpty() ? d.name : prefix + "::" + d.name;
      switch (d.tag) {
        case Dw.TAG_NAMESPACE:
          visit(d, q);
          break;
        case Dw.TAG_CLASS_TYPE:
        case Dw.TAG_STRUCTURE_TYPE:
          if (!d.declaration && !d.children.isEmpty()) {
            for (Map.Entry<String, List<String>> t : TYPES.entrySet()) {
              if (t.getValue().contains(q) && !found.containsKey(t.getKey())
                  && MEMBERS.get(t.getKey()).stream().allMatch(m -> findMember(d, m, 0) >= 0)) {
                found.put(t.getKey(), d);
              }
            }
          }
          break;
        case Dw.TAG_VARIABLE:
          if (callStack == null && CALL_STACK.contains(q)) {
            Die decl = d.type >= 0 ? d : d.ref(d.specification);
            if (decl != null && decl.type >= 0) {
              callStack = decl;
              callStackName = q;
            }
          }
          break;
        default:
      }
    }
  }

  private Offsets offsets() {
    Die ci = found.get("CallInfo");
    Die frame = found.get("Frame");
    Die func = found.get("Func");
    Die loc = found.get("Location");
    int location = member(func, "location");
    Die stmt = found.get("Stmt");
    if (stmt != null && member(stmt, "location") != location) {
      throw new Missing("Stmt.location is at " + member(stmt, "location") + " but Func.location at "
          + location);
    }
    Die kindEnum = kindEnumeration(func);
    int scriptKind = (int) enumerator(kindEnum, "SCRIPT_FUNC", "BRO_FUNC");
    Die string = strip(memberType(func, "name"));
    Die vector = strip(callStack.ref(callStack.type));
    if (vector == null) {
      throw new Missing("the type of call_stack is not a std::vector");
    }
    int[] vec = vector(vector);
    StringAbi abi;
    int data;
    int size;
    if (findMember(string, "_M_dataplus", 0) >= 0) {
      abi = StringAbi.LIBSTDCXX;
      data = member(string, "_M_p");
      size = member(string, "_M_string_length");
    } else {
      Die lng = nested(string, "__long");
      long at = findMember(string, "__l", 0);
      if (lng == null || at < 0) {
        throw new Missing("Func.name is neither a libstdc++ nor a libc++ std::string");
      }
      data = (int) at + member(lng, "__data_");
      size = (int) at + member(lng, "__size_");
      abi = member(lng, "__data_") == 0 ? StringAbi.LIBCXX_ALTERNATE : StringAbi.LIBCXX;
    }
    return new Offsets(vec[0], vec[1], vec[2], size(ci), member(ci, "call"), member(ci, "func"),
        location, member(func, "kind"), scriptKind, member(func, "name"), data, size,
        member(loc, "filename"), member(loc, "first_line"), member(frame, "next_stmt"), abi);
  }

  private int[] vector(Die vector) {
    for (String[] names : new String[][] {{"_M_start", "_M_finish", "_M_end_of_storage"},
        {"__begin_", "__end_", "__end_cap_"}, {"__begin_", "__end_", "__cap_"}}) {
      long a = findMember(vector, names[0], 0);
      long b = findMember(vector, names[1], 0);
      long c = findMember(vector, names[2], 0);
      if (a >= 0 && b >= 0 && c >= 0) {
        return new int[] {(int) a, (int) b, (int) c};
      }
    }
    throw new Missing("the std::vector of call_stack (" + vector.qualifiedName()
        + ") has no begin, end and capacity members this reader knows");
  }

  private static int size(Die type) {
    if (type.byteSize <= 0) {
      throw new Missing(type.qualifiedName() + " has no size");
    }
    return (int) type.byteSize;
  }

  /** Offset of member {@code name} of {@code type}, its bases or its structure members. */
  private int member(Die type, String name) {
    long at = findMember(type, name, 0);
    if (at < 0) {
      throw new Missing(type.qualifiedName() + " has no member " + name);
    }
    return (int) at;
  }

  private long findMember(Die type, String name, int depth) {
    if (type == null || depth > MAX_NESTING) {
      return -1;
    }
    for (Die c : type.children) {
      if (c.tag == Dw.TAG_MEMBER && name.equals(c.name)) {
        return Math.max(0, c.memberLocation);
      }
    }
    for (Die c : type.children) {
      if (c.tag == Dw.TAG_INHERITANCE || c.tag == Dw.TAG_MEMBER) {
        Die t = strip(c.ref(c.type));
        if (t != null && t.tag != Dw.TAG_BASE_TYPE && t.tag != Dw.TAG_POINTER_TYPE) {
          long inner = findMember(t, name, depth + 1);
          if (inner >= 0) {
            return Math.max(0, c.memberLocation) + inner;
          }
        }
      }
    }
    return -1;
  }

  private Die memberType(Die type, String name) {
    for (Die c : type.children) {
      if (c.tag == Dw.TAG_MEMBER && name.equals(c.name)) {
        return c.ref(c.type);
      }
    }
    throw new Missing(type.qualifiedName() + " has no member " + name);
  }

  /** The structure or union called {@code name} declared inside {@code type}. */
  private Die nested(Die type, String name) {
    if (type == null) {
      return null;
    }
    for (Die c : type.children) {
      if ((c.tag == Dw.TAG_STRUCTURE_TYPE || c.tag == Dw.TAG_UNION_TYPE) && name.equals(c.name)) {
        return c;
      }
    }
    return null;
  }

  private Die kindEnumeration(Die func) {
    for (Die c : func.children) {
      if (c.tag == Dw.TAG_ENUMERATION_TYPE && "Kind".equals(c.name)) {
        return c;
      }
    }
    Die t = strip(memberType(func, "kind"));
    if (t == null || t.tag != Dw.TAG_ENUMERATION_TYPE) {
      throw new Missing(func.qualifiedName() + "::kind is not an enumeration");
    }
    return t;
  }

  private static long enumerator(Die e, String... names) {
    for (String n : names) {
      Die v = e.child(Dw.TAG_ENUMERATOR, n);
      if (v != null && v.hasConstValue) {
        return v.constValue;
      }
    }
    throw new Missing(e.qualifiedName() + " has none of the enumerators "
        + String.join(", ", names));
  }

  /** The type {@code d} without typedefs and qualifiers, completed if declared only. */
  private Die strip(Die d) {
    for (int i = 0; d != null && i < MAX_NESTING; i++) {
      switch (d.tag) {
        case Dw.TAG_TYPEDEF:
        case Dw.TAG_CONST_TYPE:
        case Dw.TAG_VOLATILE_TYPE:
        case Dw.TAG_RESTRICT_TYPE:
          d = d.ref(d.type);
          break;
        default:
          return d.declaration ? definition(d) : d;
      }
    }
    return d;
  }

  /** The complete definition of a type this unit only declares, from any unit. */
  private Die definition(Die declared) {
    String name = declared.qualifiedName();
    Die[] def = new Die[1];
    for (DwarfReader reader : readers) {
      reader.scan(unit -> {
        def[0] = find(unit.root(), name, "");
        return def[0] == null;
      });
      if (def[0] != null) {
        break;
      }
    }
    return def[0];
  }

  private static Die find(Die scope, String name, String prefix) {
    for (Die d : scope.children) {
      if (d.name == null) {
        continue;
      }
      String q = prefix.isEmpty() ? d.name : prefix + "::" + d.name;
      if (!name.startsWith(q)) {
        continue;
      }
      if (q.equals(name) && !d.declaration && !d.children.isEmpty()) {
        return d;
      }
      Die inner = find(d, name, q);
      if (inner != null) {
        return inner;
      }
    }
    return null;
  }

  /** A structure or member the derivation needs is not there. */
  private static final class Missing extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Missing(String message) {
      super(message, null, false, false);
    }
  }
}
