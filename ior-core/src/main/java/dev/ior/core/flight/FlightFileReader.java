// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.flight;

import dev.ior.core.internal.pair.MutablePair;
import dev.ior.core.sink.PairSink;
import dev.ior.core.stack.CallStack;
import dev.ior.core.syscall.Syscall;
import dev.ior.core.syscall.SyscallTable;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a flight recording ({@code .iorfl}) into a {@link PairSink}: every output a live trace
 * has (stream, flame graph, pprof, timeline, Parquet) can be made from a dump. The trigger is
 * handed over as a {@link PairSink#mark} before the pairs.
 *
 * <pre>{@code
 * if (FlightFileReader.isFlightRecording(file)) {
 *   FlightFileReader.Read r = FlightFileReader.read(file, sink);
 *   System.out.println(r.header().description() + ": " + r.pairs() + " pairs");
 * }
 * }</pre>
 */
public final class FlightFileReader {
  private FlightFileReader() {}

  /**
   * What a read found.
   *
   * @param header the recording's header
   * @param pairs pairs handed to the sink
   * @param overwritten pairs of the window the recorder could not copy in time (not in the file)
   */
  public record Read(FlightHeader header, long pairs, long overwritten) {}

  /**
   * {@return whether {@code file} starts like a flight recording (gzip, then the magic)}
   *
   * @param file any file
   */
  public static boolean isFlightRecording(Path file) {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return Arrays.equals(in.readNBytes(FlightFileWriter.MAGIC.length),
          FlightFileWriter.MAGIC);
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * {@return the header only}
   *
   * @param file a flight recording
   * @throws IOException naming the file when it is no flight recording of a known version
   */
  public static FlightHeader header(Path file) throws IOException {
    try (DataInputStream in = open(file)) {
      return header(in, file);
    }
  }

  /**
   * Hands every pair of {@code file} to {@code sink} (a reused view, as from the pipeline), after
   * a {@link PairSink#mark} for the trigger. Does not call {@code sink.finish()}.
   *
   * @param file a flight recording
   * @param sink receives the pairs and the trigger's mark
   * @return the header and how many pairs were read
   * @throws IOException naming the file when it is damaged, cut short or not a flight recording;
   *     the pairs before the damage have reached the sink
   */
  public static Read read(Path file, PairSink sink) throws IOException {
    SyscallTable table = SyscallTable.standard();
    try (DataInputStream in = open(file)) {
      FlightHeader h = header(in, file);
      sink.mark(h.triggerNs(), h.triggerPid(), h.triggerTid(), h.label());
      List<String> names = new ArrayList<>();
      names.add(null);
      List<Syscall> syscalls = new ArrayList<>();
      MutablePair p = new MutablePair();
      Map<Integer, CallStack> stacks = new HashMap<>();
      long pairs = 0;
      try {
        while (true) {
          int tag = in.readUnsignedByte();
          if (tag == FlightFileWriter.END) {
            long written = in.readLong();
            long overwritten = in.readLong();
            if (written != pairs) {
              throw new IOException("holds " + pairs + " pairs, its end says " + written);
            }
            if (in.read() >= 0) {
              throw new IOException("bytes after the end");
            }
            return new Read(h, pairs, overwritten);
          } else if (tag == FlightFileWriter.NAME) {
            names.add(string(in));
            syscalls.add(null);
          } else if (tag == FlightFileWriter.PAIR || tag == FlightFileWriter.STACK_PAIR) {
            p.syscall = syscall(table, syscalls, names, in.readInt());
            p.pid = in.readInt();
            p.tid = in.readInt();
            p.enterNs = in.readLong();
            p.exitNs = in.readLong();
            p.gapNs = in.readLong();
            p.ret = in.readLong();
            p.fd = in.readInt();
            p.flags = in.readInt();
            p.bytes = in.readLong();
            p.cgroupId = in.readLong();
            p.marks = in.readInt();
            p.comm = names.get(in.readInt());
            p.thread = names.get(in.readInt());
            p.file = names.get(in.readInt());
            p.file2 = names.get(in.readInt());
            p.stack = tag == FlightFileWriter.STACK_PAIR ? stack(stacks, names, in.readInt())
                : CallStack.NOT_TAKEN;
            sink.accept(p);
            pairs++;
          } else {
            throw new IOException("unknown entry " + tag);
          }
        }
      } catch (EOFException e) {
        throw new IOException(String.format(Locale.ROOT, "%s: cut short after %,d pairs", file,
            pairs), e);
      } catch (IOException | IndexOutOfBoundsException e) {
        throw new IOException(String.format(Locale.ROOT, "%s: damaged after %,d pairs: %s", file,
            pairs, e.getMessage()), e);
      }
    }
  }

  /** The stack of a folded name id, one instance per id (sinks compare stacks by identity). */
  private static CallStack stack(Map<Integer, CallStack> stacks, List<String> names, int id)
      throws IOException {
    String folded = names.get(id);
    if (folded == null || folded.isEmpty()) {
      throw new IOException("a pair's stack has no name");
    }
    return stacks.computeIfAbsent(id, k -> new CallStack(CallStack.framesOf(folded)));
  }

  private static Syscall syscall(SyscallTable table, List<Syscall> cache, List<String> names,
      int id) throws IOException {
    Syscall s = cache.get(id - 1);
    if (s == null) {
      String name = names.get(id);
      s = table.byName(name);
      if (s == null) {
        throw new IOException("unknown syscall " + name + " (made by a newer ior?)");
      }
      cache.set(id - 1, s);
    }
    return s;
  }

  private static DataInputStream open(Path file) throws IOException {
    InputStream raw = Files.newInputStream(file);
    try {
      return new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw, 1 << 16),
          1 << 16));
    } catch (ZipException | EOFException e) {
      raw.close();
      throw new IOException(file + ": not an ior flight recording (.iorfl)", e);
    }
  }

  private static FlightHeader header(DataInputStream in, Path file) throws IOException {
    try {
      byte[] magic = in.readNBytes(FlightFileWriter.MAGIC.length);
      if (!Arrays.equals(magic, FlightFileWriter.MAGIC)) {
        throw new IOException(file + ": not an ior flight recording (.iorfl)");
      }
      int version = in.readUnsignedByte();
      if (version < 1 || version > FlightFileWriter.VERSION) {
        throw new IOException(file + ": a flight recording of version " + version
            + "; this ior reads versions 1 to " + FlightFileWriter.VERSION);
      }
      return new FlightHeader(in.readLong(), in.readLong(), in.readLong(), in.readLong(),
          in.readInt(), in.readInt(), string(in), string(in), string(in));
    } catch (EOFException e) {
      throw new IOException(file + ": cut short in its header", e);
    }
  }

  private static String string(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 1 << 20) {
      throw new IOException("a name of " + n + " bytes");
    }
    byte[] b = in.readNBytes(n);
    if (b.length != n) {
      throw new EOFException();
    }
    return new String(b, StandardCharsets.UTF_8);
  }
}
