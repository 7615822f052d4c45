// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.stream;

import dev.ior.core.event.Errno;
import dev.ior.core.event.SyscallPair;
import dev.ior.core.sink.PairSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * The live event stream: one line per pair in {@link StreamFormat#IOR}, {@link
 * StreamFormat#CSV} or {@link StreamFormat#JSON}, header first. Formats into a reused buffer and
 * writes through the given (buffered) writer: no allocation per pair.
 *
 * <pre>{@code
 * Writer out = new BufferedWriter(new OutputStreamWriter(System.out, UTF_8), 1 << 16);
 * PairSink sink = new StreamSink(out, StreamFormat.CSV, WallClock.now(), new TextEscaper(false));
 * }</pre>
 */
public final class StreamSink implements PairSink {
  /** Header of the ior format, as the original ior prints it. */
  public static final String IOR_HEADER = "durationToPrevNs,durationNs,comm@pid.tid,syscall=>ret,file";
  /** Header of the CSV format; the columns of every row. */
  public static final String CSV_HEADER =
      "time,gap_ns,latency_ns,comm,pid,tid,syscall,fd,ret,bytes,file,file2,error";

  private final Writer out;
  private final StreamFormat format;
  private final WallClock clock;
  private final TextEscaper escaper;
  private final StringBuilder line = new StringBuilder(512);
  private final StringBuilder field = new StringBuilder(256);
  private char[] chars = new char[512];
  private boolean headerWritten;

  public StreamSink(Writer out, StreamFormat format, WallClock clock, TextEscaper escaper) {
    this.out = out;
    this.format = format;
    this.clock = clock;
    this.escaper = escaper;
  }

  /** Writes the header now (it is otherwise written before the first pair). */
  public void header() {
    if (!headerWritten && format != StreamFormat.JSON) {
      headerWritten = true;
      line.setLength(0);
      line.append(format == StreamFormat.IOR ? IOR_HEADER : CSV_HEADER).append('\n');
      write();
    }
    headerWritten = true;
  }

  @Override
  public void accept(SyscallPair p) {
    header();
    line.setLength(0);
    switch (format) {
      case IOR:
        ior(p);
        break;
      case CSV:
        csv(p);
        break;
      default:
        json(p);
        break;
    }
    line.append('\n');
    write();
  }

  private void ior(SyscallPair p) {
    line.append(p.gapNs()).append(',').append(p.durationNs()).append(',');
    escaper.append(line, p.comm());
    line.append('@').append(p.pid()).append('.').append(p.tid()).append(',')
        .append(p.syscall().name()).append("=>").append(p.ret()).append(',');
    escaper.append(line, p.file());
    if (p.file2() != null) {
      line.append(" -> ");
      escaper.append(line, p.file2());
    }
  }

  private void csv(SyscallPair p) {
    clock.append(line, p.enterNs());
    line.append(',').append(p.gapNs()).append(',').append(p.durationNs()).append(',');
    csvField(p.comm());
    line.append(',').append(p.pid()).append(',').append(p.tid()).append(',')
        .append(p.syscall().name()).append(',').append(p.fd()).append(',').append(p.ret())
        .append(',').append(p.bytes()).append(',');
    csvField(p.file());
    line.append(',');
    csvField(p.file2());
    line.append(',');
    if (p.ret() < 0) {
      line.append(Errno.name(p.ret()));
    }
  }

  /** RFC 4180: quote fields with comma, quote, CR or LF; double the quotes. */
  private void csvField(String s) {
    field.setLength(0);
    escaper.append(field, s);
    boolean quote = false;
    for (int i = 0; i < field.length() && !quote; i++) {
      char c = field.charAt(i);
      quote = c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    if (!quote) {
      line.append(field);
      return;
    }
    line.append('"');
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      line.append(c);
      if (c == '"') {
        line.append('"');
      }
    }
    line.append('"');
  }

  private void json(SyscallPair p) {
    line.append("{\"time\":\"");
    clock.append(line, p.enterNs());
    line.append("\",\"gap_ns\":").append(p.gapNs()).append(",\"latency_ns\":")
        .append(p.durationNs()).append(",\"comm\":");
    jsonString(p.comm());
    line.append(",\"pid\":").append(p.pid()).append(",\"tid\":").append(p.tid())
        .append(",\"syscall\":\"").append(p.syscall().name()).append("\",\"fd\":").append(p.fd())
        .append(",\"ret\":").append(p.ret()).append(",\"bytes\":").append(p.bytes())
        .append(",\"file\":");
    jsonString(p.file());
    line.append(",\"file2\":");
    jsonString(p.file2());
    line.append(",\"error\":");
    jsonString(p.ret() < 0 ? Errno.name(p.ret()) : null);
    line.append('}');
  }

  private void jsonString(String s) {
    if (s == null) {
      line.append("null");
      return;
    }
    line.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        line.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f || escaper.terminal() && TextEscaper.isBidi(c)) {
        line.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
      } else {
        line.append(c);
      }
    }
    line.append('"');
  }

  private void write() {
    int n = line.length();
    if (chars.length < n) {
      chars = new char[Math.max(n, chars.length * 2)];
    }
    line.getChars(0, n, chars, 0);
    try {
      out.write(chars, 0, n);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void finish() {
    header();
    flush();
  }
}
