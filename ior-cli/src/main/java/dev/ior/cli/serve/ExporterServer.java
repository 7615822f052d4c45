// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.serve;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP side of {@code ior serve}: the JDK's HTTP server (as the Prometheus client's own
 * {@code HTTPServer} uses) with the client's {@link MetricsHandler} on {@code /metrics}, which
 * negotiates text, OpenMetrics and protobuf, plus the pprof endpoint and the index page. A few
 * daemon threads answer requests; they only read snapshots, so a slow or stuck client can hold
 * at most its own thread, never the consumer. Requests must arrive within 10 s and responses be
 * read within 60 s (the JDK server's {@code sun.net.httpserver.maxReqTime}/{@code maxRspTime},
 * unless set already), so a client that connects and never reads is dropped.
 *
 * <pre>{@code
 * ExporterServer http = ExporterServer.bind(new InetSocketAddress("127.0.0.1", 9464));
 * http.route(registry, pprofHandler, indexPage);
 * http.start();
 * ...
 * http.close();
 * }</pre>
 */
final class ExporterServer implements AutoCloseable {
  private static final int THREADS = 4;

  private final HttpServer server;
  private final ExecutorService executor;

  private ExporterServer(HttpServer server) {
    this.server = server;
    AtomicInteger n = new AtomicInteger();
    this.executor = Executors.newFixedThreadPool(THREADS, r -> {
      Thread t = new Thread(r, "ior-http-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
  }

  /**
   * Binds the listening socket (nothing is served before {@link #start}).
   *
   * @throws IOException e.g. a {@link java.net.BindException} when the port is taken
   */
  static ExporterServer bind(InetSocketAddress address) throws IOException {
    // Read once by the JDK server's configuration class, before the first server exists.
    setDefault("sun.net.httpserver.maxReqTime", "10");
    setDefault("sun.net.httpserver.maxRspTime", "60");
    return new ExporterServer(HttpServer.create(address, 64));
  }

  private static void setDefault(String property, String value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, value);
    }
  }

  /** Mounts {@code /metrics}, {@code /debug/pprof/io} and {@code /}. */
  void route(PrometheusRegistry registry, HttpHandler pprof, HttpHandler index) {
    server.createContext("/metrics", new MetricsHandler(registry));
    server.createContext("/debug/pprof/io", pprof);
    server.createContext("/", index);
  }

  /** Mounts one more handler (e.g. the flight recorder's trigger) at {@code path}. */
  void mount(String path, HttpHandler handler) {
    server.createContext(path, handler);
  }

  void start() {
    server.start();
  }

  /** The bound address (with the port chosen when 0 was asked). */
  InetSocketAddress address() {
    return server.getAddress();
  }

  /** Closes the socket and drops open exchanges at once. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
