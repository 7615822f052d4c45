// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.serve;

import dev.ior.core.metrics.LatencyBuckets;
import dev.ior.core.metrics.MetricsSink;
import dev.ior.core.metrics.PairLabels;
import dev.ior.core.metrics.SeriesKey;
import dev.ior.core.metrics.SeriesSnapshot;
import dev.ior.core.syscall.IoKind;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The per-series families of {@code /metrics} (calls, errors, bytes, latency), streamed: the
 * series are read from the sink a page at a time and written before the next page is read, so
 * a scrape at the series cap holds one page (not the 24 MB of text of 10,000 histograms, nor
 * the client library's snapshot objects of all of them), and a client that reads slowly holds
 * no lock. The text formats are written here, byte for byte as the Prometheus client writes
 * them; protobuf goes through the client's writer one page at a time (the delimited format is a
 * sequence of families, so a family may come in several messages).
 */
final class SeriesExposition {
  /**
   * Series per page read under the sink's lock: about 30 KiB of snapshots. Text is written on
   * every {@value #FLUSH_CHARS} characters, so that 32 scrapes at once (the server's threads)
   * need a few MiB of heap, not a page of text each.
   */
  static final int PAGE = 64;
  private static final int FLUSH_CHARS = 8192;
  private static final double[] LE = LatencyBuckets.CLASSIC.upperBoundsSeconds();
  private static final String[] LE_TEXT = leText();

  /** The families, in the order they are written. */
  enum Family {
    CALLS("ior_syscalls", "counter", null,
        "Syscalls completed (enter and exit paired), after the trace's filters."),
    ERRORS("ior_syscall_errors", "counter", null,
        "Syscalls that returned an error, by errno (restarted calls are not errors)."),
    BYTES("ior_syscall_bytes", "counter", "bytes",
        "Bytes read, written or transferred by successful calls."),
    LATENCY("ior_syscall_duration_seconds", "histogram", "seconds",
        "Syscall latency, enter to exit.");

    final String name;
    final String type;
    final String unit;
    final String help;

    Family(String name, String type, String unit, String help) {
      this.name = name;
      this.type = type;
      this.unit = unit;
      this.help = help;
    }
  }

  /** The three formats a scraper can ask for. */
  enum Format {
    TEXT, OPENMETRICS, PROTOBUF
  }

  private final MetricsSink sink;
  private final PairLabels names;

  SeriesExposition(MetricsSink sink) {
    this.sink = sink;
    this.names = sink.labels();
  }

  /**
   * Writes every family. For {@link Format#PROTOBUF}, {@code protobuf} writes each page's
   * snapshot; it is unused otherwise.
   */
  void write(Format format, OutputStream out, ExpositionFormatWriter protobuf)
      throws IOException {
    StringBuilder text = new StringBuilder(FLUSH_CHARS + 4096);
    for (Family f : Family.values()) {
      if (format != Format.PROTOBUF) {
        out.write(header(f, format == Format.OPENMETRICS).getBytes(StandardCharsets.UTF_8));
      }
      SeriesKey after = null;
      while (true) {
        List<SeriesSnapshot> page = sink.page(after, PAGE);
        if (page.isEmpty()) {
          break;
        }
        if (format == Format.PROTOBUF) {
          MetricSnapshots s = SyscallCollector.family(f, page, names);
          if (!s.get(0).getDataPoints().isEmpty()) {
            protobuf.write(out, s);
          }
        } else {
          for (SeriesSnapshot series : page) {
            samples(f, series, text);
            if (text.length() >= FLUSH_CHARS) {
              flush(text, out);
            }
          }
        }
        after = page.get(page.size() - 1).key();
      }
    }
    flush(text, out);
  }

  private static void flush(StringBuilder text, OutputStream out) throws IOException {
    out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    text.setLength(0);
  }

  private static String header(Family f, boolean openMetrics) {
    if (openMetrics) {
      return "# TYPE " + f.name + " " + f.type + "\n"
          + (f.unit == null ? "" : "# UNIT " + f.name + " " + f.unit + "\n")
          + "# HELP " + f.name + " " + f.help + "\n";
    }
    String name = f.type.equals("counter") ? f.name + "_total" : f.name;
    return "# HELP " + name + " " + f.help + "\n# TYPE " + name + " " + f.type + "\n";
  }

  /** The sample lines of one series in family {@code f}. */
  private void samples(Family f, SeriesSnapshot s, StringBuilder b) {
    switch (f) {
      case CALLS:
        counter(b, f, labels(s.key(), null, null), s.count());
        break;
      case ERRORS:
        for (Map.Entry<String, Long> e : s.errors().entrySet()) {
          counter(b, f, labels(s.key(), "errno", e.getKey()), e.getValue());
        }
        break;
      case BYTES:
        IoKind io = s.key().syscall().io();
        if (io != IoKind.NONE) {
          counter(b, f, labels(s.key(), "direction", io.name().toLowerCase(Locale.ROOT)),
              s.bytes());
        }
        break;
      default:
        histogram(b, f, s);
    }
  }

  private static void counter(StringBuilder b, Family f, String labels, long value) {
    b.append(f.name).append("_total").append(labels).append("} ").append((double) value)
        .append('\n');
  }

  private void histogram(StringBuilder b, Family f, SeriesSnapshot s) {
    String labels = labels(s.key(), null, null); // once for the 25 lines of the series
    long cumulative = 0;
    for (int i = 0; i < LE.length; i++) {
      cumulative += s.classicCount(i);
      b.append(f.name).append("_bucket").append(labels).append(",le=\"").append(LE_TEXT[i])
          .append("\"} ").append(cumulative).append('\n');
    }
    b.append(f.name).append("_count").append(labels).append("} ").append(cumulative)
        .append('\n');
    b.append(f.name).append("_sum").append(labels).append("} ").append(s.durationNs() / 1e9)
        .append('\n');
  }

  /**
   * The label set without its closing brace, {@code comm}, {@code container}, the extra label,
   * {@code family}, {@code syscall}: sorted by name as the client writes them ({@code le}, when
   * there is one, goes last).
   */
  private String labels(SeriesKey key, String extraName, String extraValue) {
    StringBuilder b = new StringBuilder(64);
    b.append("{comm=\"");
    LabelValue.quote(b, LabelValue.of(key.comm()));
    b.append('"');
    if (!key.container().isEmpty()) {
      b.append(",container=\"");
      LabelValue.quote(b, LabelValue.of(key.container()));
      b.append('"');
    }
    if (extraName != null) {
      b.append(',').append(extraName).append("=\"").append(extraValue).append('"');
    }
    String family = names.family(key.syscall());
    if (family != null) {
      b.append(",family=\"").append(family).append('"');
    }
    return b.append(",syscall=\"").append(key.syscall().name()).append('"').toString();
  }

  private static String[] leText() {
    String[] out = new String[LE.length];
    for (int i = 0; i < LE.length; i++) {
      out[i] = Double.isInfinite(LE[i]) ? "+Inf" : Double.toString(LE[i]);
    }
    return out;
  }

}
