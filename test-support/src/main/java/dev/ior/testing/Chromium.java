// SPDX-License-Identifier: Apache-2.0
package dev.ior.testing;

import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * Headless Chromium driven over the DevTools protocol with the JDK's own HTTP and WebSocket
 * client: opens one page, sends commands, waits for events. Only the browser process this class
 * started (and its descendants) is ever stopped.
 */
public final class Chromium implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

  private final Process process;
  private volatile WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<Object>> pending = new ConcurrentHashMap<>();
  private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

  private Chromium(Process process) {
    this.process = process;
  }

  /** Starts {@code binary} headless on {@code url} with a private profile in {@code profile}. */
  public static Chromium open(Path binary, String url, Path profile, int width, int height)
      throws IOException, InterruptedException {
    Process p = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--hide-scrollbars", "--remote-debugging-port=0",
        "--user-data-dir=" + profile, "--window-size=" + width + "," + height, url)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    try {
      String browserWs = awaitListening(p);
      String port = URI.create(browserWs).getPort() + "";
      String pageWs = pageSocket(port, url);
      Chromium c = new Chromium(p);
      c.socket = HttpClient.newHttpClient().newWebSocketBuilder()
          .buildAsync(URI.create(pageWs), c.listener()).get(30, TimeUnit.SECONDS);
      return c;
    } catch (Exception e) {
      stop(p);
      throw new IOException("could not start Chromium DevTools session: " + e, e);
    }
  }

  private static String awaitListening(Process p) throws IOException {
    BufferedReader err = new BufferedReader(
        new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    for (String line = err.readLine(); line != null; line = err.readLine()) {
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        Thread drain = new Thread(() -> drain(err), "chromium-stderr");
        drain.setDaemon(true);
        drain.start();
        return m.group(1);
      }
      seen.append(line).append('\n');
    }
    throw new IOException("Chromium exited before DevTools was ready:\n" + seen);
  }

  private static void drain(BufferedReader r) {
    try {
      while (r.readLine() != null) {
        // discard: keeps the pipe from filling up
      }
    } catch (IOException e) {
      // browser gone
    }
  }

  @SuppressWarnings("unchecked")
  private static String pageSocket(String port, String url) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (int attempt = 0; attempt < 100; attempt++) {
      String body = http.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      for (Object t : (List<Object>) MiniJson.parse(body)) {
        if ("page".equals(MiniJson.at(t, "type")) && url.equals(MiniJson.at(t, "url"))) {
          return (String) MiniJson.at(t, "webSocketDebuggerUrl");
        }
      }
      Thread.sleep(100);
    }
    throw new IOException("no page target for " + url);
  }

  private WebSocket.Listener listener() {
    return new WebSocket.Listener() {
      private final StringBuilder partial = new StringBuilder();

      @Override
      public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
          dispatch(MiniJson.parse(partial.toString()));
          partial.setLength(0);
        }
        ws.request(1);
        return null;
      }
    };
  }

  private void dispatch(Object msg) {
    Object id = MiniJson.at(msg, "id");
    if (id == null) {
      events.add(msg);
      return;
    }
    CompletableFuture<Object> f = pending.remove(((Double) id).intValue());
    if (f != null) {
      f.complete(msg);
    }
  }

  /** Sends a command without waiting; {@code params} is a JSON object text. */
  public CompletableFuture<Object> send(String method, String params) {
    int id = ids.incrementAndGet();
    CompletableFuture<Object> f = new CompletableFuture<>();
    pending.put(id, f);
    socket.sendText("{\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}",
        true);
    return f;
  }

  /** Sends a command and returns its {@code result}; fails on a protocol error. */
  public Object call(String method, String params) throws Exception {
    Object msg = send(method, params).get(60, TimeUnit.SECONDS);
    if (MiniJson.at(msg, "error") != null) {
      throw new IOException(method + " failed: " + MiniJson.at(msg, "error"));
    }
    return MiniJson.at(msg, "result");
  }

  /** Evaluates a JavaScript expression in the page and returns its value (JSON-compatible). */
  public Object eval(String expression) throws Exception {
    Object r = call("Runtime.evaluate",
        "{\"expression\":" + MiniJson.quote(expression) + ",\"returnByValue\":true}");
    if (MiniJson.at(r, "exceptionDetails") != null) {
      throw new IOException("script failed: " + MiniJson.at(r, "exceptionDetails"));
    }
    return MiniJson.at(r, "result", "value");
  }

  /** Takes a PNG screenshot of the page, saves it as {@code png} and returns it decoded. */
  public BufferedImage screenshot(Path png) throws Exception {
    String data = (String) MiniJson.at(call("Page.captureScreenshot", "{\"format\":\"png\"}"),
        "data");
    byte[] bytes = Base64.getDecoder().decode(data);
    Files.write(png, bytes);
    return ImageIO.read(new ByteArrayInputStream(bytes));
  }

  /** Waits for the next event named {@code method}, dropping others. */
  public Object awaitEvent(String method, long seconds) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < end) {
      Object e = events.poll(100, TimeUnit.MILLISECONDS);
      if (e != null && method.equals(MiniJson.at(e, "method"))) {
        return e;
      }
    }
    throw new IOException("no " + method + " within " + seconds + " s");
  }

  /** A left click at page coordinates (press and release), without waiting for its handling. */
  public List<CompletableFuture<Object>> click(double x, double y) {
    String at = "\"x\":" + x + ",\"y\":" + y + ",\"button\":\"left\",\"clickCount\":1";
    return List.of(send("Input.dispatchMouseEvent", "{\"type\":\"mouseMoved\"," + at + "}"),
        send("Input.dispatchMouseEvent", "{\"type\":\"mousePressed\"," + at + "}"),
        send("Input.dispatchMouseEvent", "{\"type\":\"mouseReleased\"," + at + "}"));
  }

  @Override
  public void close() {
    try {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    } catch (RuntimeException e) {
      // already closed
    }
    stop(process);
  }

  private static void stop(Process p) {
    p.descendants().forEach(ProcessHandle::destroy);
    p.destroy();
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
