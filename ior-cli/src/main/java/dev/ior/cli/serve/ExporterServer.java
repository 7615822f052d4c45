// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.serve;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The HTTP side of {@code ior serve}: the JDK's HTTP server (as the Prometheus client's own
 * {@code HTTPServer} uses) with {@code /metrics} ({@link MetricsEndpoint}, streamed), the pprof
 * endpoint and the index page. Handlers only read snapshots, so a client can hold at most its
 * own thread, never the consumer. What abusive clients can cost is bounded:
 *
 * <ul>
 *   <li>a request must arrive within 5 s and its response be read within 30 s (the JDK
 *       server's {@code sun.net.httpserver.maxReqTime}/{@code maxRspTime}, unless set
 *       already; 30 s, not Prometheus' 10 s timeout, so that a full scrape on a machine loaded
 *       far beyond its cores still completes): a client that sends slowly (slowloris) or
 *       connects and never reads is dropped then;
 *   <li>{@value #THREADS} threads answer (started on demand, gone after 30 s idle), so up to
 *       {@value #THREADS} minus one such clients never delay a real scrape; further requests
 *       wait in a queue of {@value #QUEUE}, beyond which connections are closed at once;
 *   <li>at most {@value #MAX_CONNECTIONS} connections are open (file descriptors);
 *   <li>nothing is logged per request: the JDK server's own log (stack traces of clients that
 *       went away) is off.
 * </ul>
 *
 * <pre>{@code
 * ExporterServer http = ExporterServer.bind(new InetSocketAddress("127.0.0.1", 9464));
 * http.route(metrics, pprofHandler, indexPage);
 * http.start();
 * ...
 * http.close();
 * }</pre>
 */
final class ExporterServer implements AutoCloseable {
  static final int THREADS = 32;
  static final int QUEUE = 64;
  static final int MAX_CONNECTIONS = 256;
  /** Held: the logging framework keeps loggers only weakly, and would forget the level. */
  private static final Logger JDK_SERVER_LOG = Logger.getLogger("com.sun.net.httpserver");

  private final HttpServer server;
  private final ThreadPoolExecutor executor;

  private ExporterServer(HttpServer server) {
    this.server = server;
    AtomicInteger n = new AtomicInteger();
    this.executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(QUEUE), r -> {
          Thread t = new Thread(null, r, "ior-http-" + n.incrementAndGet(), 256 * 1024);
          t.setDaemon(true);
          // An Error out of a handler ends its exchange; one line, never a stack trace.
          t.setUncaughtExceptionHandler((th, e) -> System.err.println(
              "ior serve: " + th.getName() + ": " + e));
          return t;
        }); // a full queue: the JDK server closes the connection
    executor.allowCoreThreadTimeOut(true);
    server.setExecutor(executor);
  }

  /**
   * Binds the listening socket (nothing is served before {@link #start}).
   *
   * @throws IOException e.g. a {@link java.net.BindException} when the port is taken
   */
  static ExporterServer bind(InetSocketAddress address) throws IOException {
    // Read once by the JDK server's configuration class, before the first server exists.
    setDefault("sun.net.httpserver.maxReqTime", "5");
    setDefault("sun.net.httpserver.maxRspTime", "30");
    setDefault("sun.net.httpserver.maxConnections", Integer.toString(MAX_CONNECTIONS));
    JDK_SERVER_LOG.setLevel(Level.OFF);
    return new ExporterServer(HttpServer.create(address, 64));
  }

  private static void setDefault(String property, String value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, value);
    }
  }

  /** Mounts {@code /metrics}, {@code /debug/pprof/io} and {@code /}. */
  void route(HttpHandler metrics, HttpHandler pprof, HttpHandler index) {
    server.createContext("/metrics", metrics);
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
