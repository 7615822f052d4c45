// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.stream;

import dev.ior.core.cgroup.CgroupInfo;
import dev.ior.core.cgroup.CgroupLookup;
import dev.ior.core.event.Errno;
import dev.ior.core.event.PairMarks;
import dev.ior.core.event.SyscallPair;
import dev.ior.core.stack.CallStack;
import java.util.List;
import dev.ior.core.sink.PairSink;
import java.io.OutputStream;

/**
 * The live event stream: one line per pair in {@link StreamFormat#IOR}, {@link
 * StreamFormat#CSV} or {@link StreamFormat#JSON}, header first. Formats straight into UTF-8
 * bytes ({@link LineBuffer}): no allocation per pair.
 *
 * <pre>{@code
 * PairSink sink = new StreamSink(new FileOutputStream(FileDescriptor.out), StreamFormat.CSV,
 *     WallClock.now(), new TextEscaper(false));
 * }</pre>
 */
public final class StreamSink implements PairSink {
  /** Header of the ior format, as the original ior prints it. */
  public static final String IOR_HEADER = "durationToPrevNs,durationNs,comm@pid.tid,syscall=>ret,file";
  /** Header of the CSV format; the columns of every row. */
  public static final String CSV_HEADER = "time,gap_ns,latency_ns,comm,pid,tid,syscall,fd,ret,"
      + "bytes,file,file2,error,thread,compat,file_late,cgroup,container";

  private final LineBuffer line;
  private final StreamFormat format;
  private final WallClock clock;
  private final EscapedNames names;
  private final CgroupLookup cgroups;
  private boolean headerWritten;

  /** A sink without cgroup resolution: the cgroup columns show ids ({@code #<id>}). */
  public StreamSink(OutputStream out, StreamFormat format, WallClock clock, TextEscaper escaper) {
    this(out, format, clock, escaper, CgroupLookup.NONE);
  }

  /**
   * A sink writing {@code format} to {@code out}; the CSV and JSON {@code cgroup} and {@code
   * container} columns come from {@code cgroups} (never waited for: a cgroup not resolved yet
   * shows as {@code #<id>}).
   */
  public StreamSink(OutputStream out, StreamFormat format, WallClock clock, TextEscaper escaper,
      CgroupLookup cgroups) {
    this.cgroups = cgroups;
    this.line = new LineBuffer(out, 1 << 16);
    this.format = format;
    this.clock = clock;
    EscapedNames.Quoting quoting = format == StreamFormat.CSV ? EscapedNames.Quoting.CSV
        : format == StreamFormat.JSON ? EscapedNames.Quoting.JSON : EscapedNames.Quoting.NONE;
    this.names = new EscapedNames(escaper, quoting, 1 << 14);
  }

  /** Writes the header now (it is otherwise written before the first pair). */
  public void header() {
    if (!headerWritten && format != StreamFormat.JSON) {
      line.ascii(format == StreamFormat.IOR ? IOR_HEADER : CSV_HEADER).newline();
    }
    headerWritten = true;
  }

  @Override
  public void accept(SyscallPair p) {
    if (!headerWritten) {
      header();
    }
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
    line.newline();
  }

  private void ior(SyscallPair p) {
    line.number(p.gapNs()).ascii(',').number(p.durationNs()).ascii(',');
    name(p.comm());
    line.ascii('@').number(p.pid()).ascii('.').number(p.tid()).ascii(',')
        .ascii(p.syscall().name()).ascii(p.compat() ? "[compat]" : "")
        .ascii(refused(p) ? "[refused]=>" : "=>").number(p.ret())
        .ascii(',');
    name(p.file());
    if (p.file2() != null) {
      line.ascii(" -> ");
      name(p.file2());
    }
  }

  /** A name escaped ({@link TextEscaper}) and quoted for the format; nothing for null. */
  private void name(String s) {
    if (s != null) {
      line.bytes(names.get(s));
    }
  }

  private void csv(SyscallPair p) {
    clock.append(line, p.enterNs());
    line.ascii(',').number(p.gapNs()).ascii(',').number(p.durationNs()).ascii(',');
    name(p.comm());
    line.ascii(',').number(p.pid()).ascii(',').number(p.tid()).ascii(',')
        .ascii(p.syscall().name()).ascii(',').number(p.fd()).ascii(',').number(p.ret())
        .ascii(',').number(p.bytes()).ascii(',');
    name(p.file());
    line.ascii(',');
    name(p.file2());
    line.ascii(',');
    if (p.ret() < 0) {
      line.ascii(Errno.name(p.ret()));
    }
    line.ascii(',');
    name(p.thread());
    line.ascii(p.compat() ? ",true," : ",false,").ascii(fileLate(p) ? "true" : "false")
        .ascii(',');
    CgroupInfo c = cgroups.lookup(p.cgroupId());
    if (c != null) {
      name(c.pathOrId());
      line.ascii(',');
      name(c.label());
    } else if (p.cgroupId() != 0) {
      line.ascii('#').number(p.cgroupId()).ascii(',');
    } else {
      line.ascii(',');
    }
  }

  private static boolean refused(SyscallPair p) {
    return (p.marks() & PairMarks.REFUSED) != 0;
  }

  private static boolean fileLate(SyscallPair p) {
    return (p.marks() & PairMarks.FILE_LATE) != 0;
  }

  private void json(SyscallPair p) {
    line.ascii("{\"time\":\"");
    clock.append(line, p.enterNs());
    line.ascii("\",\"gap_ns\":").number(p.gapNs()).ascii(",\"latency_ns\":")
        .number(p.durationNs()).ascii(",\"comm\":");
    jsonString(p.comm());
    line.ascii(",\"pid\":").number(p.pid()).ascii(",\"tid\":").number(p.tid())
        .ascii(",\"syscall\":\"").ascii(p.syscall().name()).ascii("\",\"fd\":").number(p.fd())
        .ascii(",\"ret\":").number(p.ret()).ascii(",\"bytes\":").number(p.bytes())
        .ascii(",\"file\":");
    jsonString(p.file());
    line.ascii(",\"file2\":");
    jsonString(p.file2());
    line.ascii(",\"error\":");
    if (p.ret() < 0) {
      line.ascii('"').ascii(Errno.name(p.ret())).ascii('"'); // ASCII, like the syscall's name
    } else {
      line.ascii("null");
    }
    line.ascii(",\"thread\":");
    jsonString(p.thread());
    line.ascii(",\"compat\":").ascii(p.compat() ? "true" : "false").ascii(",\"file_late\":")
        .ascii(fileLate(p) ? "true" : "false");
    if (refused(p)) {
      line.ascii(",\"refused\":true"); // only when set: the call never ran (seccomp, a tracer)
    }
    if (p.root() != null) {
      // only after a chroot: the names above are the host's; the process's own view beside them
      line.ascii(",\"root\":");
      jsonString(p.root());
      String own = p.ownFile();
      if (own != null) {
        line.ascii(",\"file_own\":");
        jsonString(own);
      }
    }
    CgroupInfo c = cgroups.lookup(p.cgroupId());
    line.ascii(",\"cgroup\":");
    if (c != null) {
      jsonString(c.pathOrId());
      line.ascii(",\"container\":");
      jsonString(c.label());
    } else {
      if (p.cgroupId() != 0) {
        line.ascii("\"#").number(p.cgroupId()).ascii('"');
      } else {
        line.ascii("null");
      }
      line.ascii(",\"container\":null");
    }
    CallStack stack = p.stack();
    if (stack != CallStack.NOT_TAKEN) { // only with -stacks: the lines of other runs stay as they were
      line.ascii(",\"stack\":[");
      List<String> frames = stack.frames();
      for (int i = 0; i < frames.size(); i++) {
        if (i > 0) {
          line.ascii(',');
        }
        jsonString(frames.get(i));
      }
      line.ascii(']');
    }
    line.ascii('}');
  }

  private void jsonString(String s) {
    if (s == null) {
      line.ascii("null");
    } else {
      line.bytes(names.get(s));
    }
  }

  @Override
  public void flush() {
    line.flush();
  }

  @Override
  public void finish() {
    header();
    flush();
  }
}
