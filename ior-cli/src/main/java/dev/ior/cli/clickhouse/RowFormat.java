// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.clickhouse;

import dev.ior.cli.stream.LineBuffer;
import dev.ior.cli.stream.WallClock;
import dev.ior.core.event.Errno;
import dev.ior.core.event.SyscallPair;
import dev.ior.core.metrics.PairLabels;

/**
 * One pair as a row of ClickHouse's TabSeparated format, in {@link EventSchema#COLUMNS} order,
 * straight into UTF-8 bytes: no allocation per row. Strings escape backslash, tab, newline,
 * carriage return and NUL as ClickHouse reads them back; an unknown file is an empty string.
 */
final class RowFormat {
  private final String host;
  private final WallClock clock;
  private final PairLabels labels;

  RowFormat(String host, WallClock clock, PairLabels labels) {
    this.host = host;
    this.clock = clock;
    this.labels = labels;
  }

  void write(LineBuffer b, SyscallPair p) {
    string(b, host);
    b.ascii('\t').number(clock.epochNs(p.enterNs()));
    b.ascii('\t').number(Math.max(0, p.durationNs()));
    b.ascii('\t').number(Math.max(0, p.gapNs()));
    b.ascii('\t');
    string(b, labels.container(p));
    b.ascii('\t').number(p.cgroupId());
    b.ascii('\t');
    string(b, p.comm());
    b.ascii('\t').number(p.pid() & 0xFFFFFFFFL);
    b.ascii('\t').number(p.tid() & 0xFFFFFFFFL);
    b.ascii('\t');
    string(b, p.thread());
    b.ascii('\t').ascii(p.syscall().name());
    b.ascii('\t').ascii(p.syscall().family());
    b.ascii('\t').number(p.fd());
    b.ascii('\t');
    string(b, p.file());
    b.ascii('\t');
    string(b, p.file2());
    b.ascii('\t').number(p.flags());
    b.ascii('\t').number(p.ret());
    b.ascii('\t').ascii(p.ret() < 0 ? Errno.name(p.ret()) : "");
    b.ascii('\t').number(Math.max(0, p.bytes()));
    b.ascii('\t').number(p.marks() & 0xFFFFFFFFL);
    b.ascii('\t').number(0); // stack_id: no stacks on the capture path yet
    b.newline();
  }

  private static void string(LineBuffer b, String s) {
    if (s == null) {
      return;
    }
    for (int i = 0; i < s.length(); ) {
      char c = s.charAt(i);
      switch (c) {
        case '\\':
          b.ascii('\\').ascii('\\');
          break;
        case '\t':
          b.ascii('\\').ascii('t');
          break;
        case '\n':
          b.ascii('\\').ascii('n');
          break;
        case '\r':
          b.ascii('\\').ascii('r');
          break;
        case '\0':
          b.ascii('\\').ascii('0');
          break;
        default:
          if (c < 0x80) {
            b.ascii(c);
          } else {
            i += b.utf8(s, i);
            continue;
          }
      }
      i++;
    }
  }
}
