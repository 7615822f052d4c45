// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.flight;

import dev.ior.core.event.SyscallPair;
import dev.ior.core.stack.CallStack;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a flight recording ({@code .iorfl}, docs/formats.md): a header saying what fired and
 * what the dump covers, then the pairs, each name written once. Paired calls, not raw records:
 * the ring held pairs, and a pair carries the file name the pipeline resolved when the call
 * happened, which raw records of the last seconds alone could not give back (the descriptor was
 * often opened long before). Runs on the dump thread; allocation is fine here.
 */
final class FlightFileWriter implements AutoCloseable {
  static final byte[] MAGIC = "IORFLT\n".getBytes(StandardCharsets.US_ASCII);
  /** 2: adds {@link #STACK_PAIR}; version 1 files (without it) are still read. */
  static final int VERSION = 2;
  static final int END = 0;
  static final int NAME = 1;
  static final int PAIR = 2;
  /** A pair whose user stack was taken: a {@link #PAIR}, then the folded stack's name id. */
  static final int STACK_PAIR = 3;

  private final GZIPOutputStream gzip;
  private final DataOutputStream out;
  private final Map<String, Integer> names = new HashMap<>();
  private long pairs;

  /**
   * Starts a recording on {@code sink} (not closed by {@link #close()}: the caller commits it).
   */
  FlightFileWriter(OutputStream sink, FlightHeader h) throws IOException {
    gzip = new GZIPOutputStream(sink, 1 << 16) {
      {
        def.setLevel(Deflater.BEST_SPEED); // a dump of millions of pairs should take seconds
      }
    };
    out = new DataOutputStream(new BufferedOutputStream(gzip, 1 << 16));
    out.write(MAGIC);
    out.writeByte(VERSION);
    out.writeLong(h.epochOffsetNs());
    out.writeLong(h.triggerNs());
    out.writeLong(h.windowNs());
    out.writeLong(h.afterNs());
    out.writeInt(h.triggerPid());
    out.writeInt(h.triggerTid());
    string(h.kind());
    string(h.description());
    string(h.host());
  }

  /** Appends a pair. */
  void pair(SyscallPair p) throws IOException {
    int syscall = name(p.syscall().name());
    int comm = name(p.comm());
    int thread = name(p.thread());
    int file = name(p.file());
    int file2 = name(p.file2());
    CallStack stack = p.stack();
    int folded = stack == CallStack.NOT_TAKEN ? 0 : name(stack.folded());
    out.writeByte(folded == 0 ? PAIR : STACK_PAIR);
    out.writeInt(syscall);
    out.writeInt(p.pid());
    out.writeInt(p.tid());
    out.writeLong(p.enterNs());
    out.writeLong(p.exitNs());
    out.writeLong(p.gapNs());
    out.writeLong(p.ret());
    out.writeInt(p.fd());
    out.writeInt(p.flags());
    out.writeLong(p.bytes());
    out.writeLong(p.cgroupId());
    out.writeInt(p.marks());
    out.writeInt(comm);
    out.writeInt(thread);
    out.writeInt(file);
    out.writeInt(file2);
    if (folded != 0) {
      out.writeInt(folded);
    }
    pairs++;
  }

  /** Pairs written so far. */
  long pairs() {
    return pairs;
  }

  /** The end mark with the counts, then the gzip trailer. */
  void finish(long overwritten) throws IOException {
    out.writeByte(END);
    out.writeLong(pairs);
    out.writeLong(overwritten);
    out.flush();
    gzip.finish();
  }

  /** Id 0 is null; a new name is defined by a NAME entry before its first use. */
  private int name(String s) throws IOException {
    if (s == null) {
      return 0;
    }
    Integer id = names.get(s);
    if (id == null) {
      id = names.size() + 1;
      names.put(s, id);
      out.writeByte(NAME);
      string(s);
    }
    return id;
  }

  private void string(String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  @Override
  public void close() throws IOException {
    out.flush();
    gzip.finish();
  }
}
