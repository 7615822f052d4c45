// SPDX-License-Identifier: Apache-2.0
package dev.ior.testdata.diff;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Rule {@link Rule#ESCAPES}: both tracers print a name's bytes escaped, each its own way —
 * strace as C does ({@code \n}, {@code \\}, {@code \"}, octal {@code \377}, {@code \x..}), ior as
 * its formats page says ({@code \xNN}, {@code \\}, {@code \\uNNNN} (one backslash)). A name is compared as the
 * bytes it stands for, written canonically: printable ASCII as is, a backslash as {@code \\},
 * every other byte as {@code \xNN}.
 */
enum Escapes {
  STRACE, IOR;

  /** {@code printed} as the canonical form of the bytes it stands for. */
  String canonical(String printed) {
    return canonical(bytes(printed));
  }

  /** {@return how many bytes {@code printed} stands for} */
  int byteLength(String printed) {
    return bytes(printed).length;
  }

  private byte[] bytes(String printed) {
    return this == STRACE ? strace(printed) : ior(printed);
  }

  private static byte[] strace(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 == s.length()) {
        utf8(out, c);
        continue;
      }
      char e = s.charAt(++i);
      switch (e) {
        case 'n' -> out.write('\n');
        case 't' -> out.write('\t');
        case 'r' -> out.write('\r');
        case 'v' -> out.write(0x0b);
        case 'f' -> out.write('\f');
        case 'a' -> out.write(0x07);
        case 'b' -> out.write('\b');
        case 'x' -> {
          int end = Math.min(s.length(), i + 3);
          out.write(Integer.parseInt(s.substring(i + 1, end), 16));
          i = end - 1;
        }
        default -> {
          if (e >= '0' && e <= '7') {
            int end = i;
            while (end < s.length() && end < i + 3 && s.charAt(end) >= '0' && s.charAt(end) <= '7') {
              end++;
            }
            out.write(Integer.parseInt(s.substring(i, end), 8));
            i = end - 1;
          } else {
            utf8(out, e);
          }
        }
      }
    }
    return out.toByteArray();
  }

  private static byte[] ior(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 3 < s.length() && s.charAt(i + 1) == 'x') {
        out.write(Integer.parseInt(s.substring(i + 2, i + 4), 16));
        i += 3;
      } else if (c == '\\' && i + 5 < s.length() && s.charAt(i + 1) == 'u') {
        utf8(out, (char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
        i += 5;
      } else if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '\\') {
        out.write('\\');
        i++;
      } else {
        utf8(out, c);
      }
    }
    return out.toByteArray();
  }

  private static void utf8(ByteArrayOutputStream out, char c) {
    byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
    out.write(b, 0, b.length);
  }

  private static String canonical(byte[] bytes) {
    StringBuilder sb = new StringBuilder(bytes.length);
    for (byte b : bytes) {
      int v = b & 0xff;
      if (v == '\\') {
        sb.append("\\\\");
      } else if (v >= 0x20 && v < 0x7f) {
        sb.append((char) v);
      } else {
        sb.append(String.format("\\x%02x", v));
      }
    }
    return sb.toString();
  }
}
