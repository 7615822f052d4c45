// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.layout;

import java.util.Locale;

/**
 * How a C++ standard library lays out {@code std::string} on 64-bit little-endian targets, beyond
 * the data pointer and length offsets of a {@link Offsets layout}. Where the format comes from:
 * libstdc++'s {@code basic_string.h} (the C++11 ABI) and libc++'s {@code string} header.
 */
public enum StringAbi {
  /**
   * GCC's libstdc++ (C++11 ABI): a data pointer and a length, always; short strings live in a
   * buffer inside the object the pointer points into.
   */
  LIBSTDCXX("libstdc++"),
  /**
   * LLVM's libc++, default layout: 24 bytes; bit 0 of byte 0 set means a long string (capacity,
   * length, data pointer at the layout's offsets); clear means up to 22 characters stored from
   * byte 1, with the length in the upper 7 bits of byte 0.
   */
  LIBCXX("libc++"),
  /**
   * libc++'s alternate layout ({@code _LIBCPP_ABI_ALTERNATE_STRING_LAYOUT}): data pointer first;
   * bit 7 of byte 23 marks a long string; a short one is stored from byte 0 with its length in
   * the lower 7 bits of byte 23.
   */
  LIBCXX_ALTERNATE("libc++-alternate");

  /** Size of a libc++ std::string on 64-bit targets. */
  public static final int LIBCXX_SIZE = 24;

  private final String key;

  StringAbi(String key) {
    this.key = key;
  }

  /** {@return the name used in layout files ({@code string.abi})} */
  public String key() {
    return key;
  }

  /**
   * Parses a {@code string.abi} value.
   *
   * @param s {@code libstdc++}, {@code libc++} or {@code libc++-alternate}, any case
   * @return the ABI
   * @throws IllegalArgumentException naming the valid values for anything else
   */
  public static StringAbi parse(String s) {
    for (StringAbi a : values()) {
      if (a.key.equals(s.strip().toLowerCase(Locale.ROOT))) {
        return a;
      }
    }
    throw new IllegalArgumentException("string.abi must be libstdc++, libc++ or"
        + " libc++-alternate, not '" + s + "'");
  }
}
