// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.dwarf;

import java.util.ArrayList;
import java.util.List;

/**
 * One debugging information entry that describes a type or a variable, with the few attributes
 * structure layouts need. Entries of function bodies are not kept.
 */
public final class Die {
  final DwarfReader reader;
  final long offset;
  final int tag;
  final Die parent;
  final List<Die> children = new ArrayList<>(0);
  String name;
  long byteSize = -1;
  long memberLocation = -1;
  long type = -1;
  long specification = -1;
  boolean declaration;
  boolean hasConstValue;
  long constValue;

  Die(DwarfReader reader, long offset, int tag, Die parent) {
    this.reader = reader;
    this.offset = offset;
    this.tag = tag;
    this.parent = parent;
  }

  /** {@return the DW_TAG value} */
  public int tag() {
    return tag;
  }

  /** {@return DW_AT_name, or null} */
  public String name() {
    return name;
  }

  /** {@return offset in {@code .debug_info}} */
  public long offset() {
    return offset;
  }

  /** {@return kept children in order} */
  public List<Die> children() {
    return children;
  }

  /** The entry this one's attribute (a {@code .debug_info} offset, -1 for none) points to. */
  Die ref(long target) {
    return target < 0 ? null : reader.die(target);
  }

  /** The first child with this tag and name, or null. */
  Die child(int childTag, String childName) {
    for (Die c : children) {
      if (c.tag == childTag && childName.equals(c.name)) {
        return c;
      }
    }
    return null;
  }

  /**
   * {@return the name qualified by enclosing namespaces and types, e.g. {@code
   * zeek::detail::Frame}}
   */
  public String qualifiedName() {
    StringBuilder sb = new StringBuilder(name == null ? "" : name);
    for (Die p = parent; p != null && p.parent != null; p = p.parent) {
      sb.insert(0, (p.name == null ? "(anonymous)" : p.name) + "::");
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return String.format("<0x%x> tag 0x%x %s", offset, tag, qualifiedName());
  }
}
