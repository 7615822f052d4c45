// SPDX-License-Identifier: Apache-2.0
package dev.ior.symbols.resolve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs a diagnostic command in a HotSpot JVM the way {@code jcmd} does, without starting a JVM
 * for jcmd (seconds on a loaded machine, longer than a short workload lives): HotSpot's attach
 * protocol on Linux. If the target's socket {@code /tmp/.java_pidPID} (in its mount namespace)
 * does not exist yet, an {@code .attach_pidPID} file in its working directory and a SIGQUIT ask
 * it to open one; then the request {@code "1\0jcmd\0COMMAND\0\0\0"} is written to the socket and
 * the answer read: a status line ({@code 0} = success), then the command's output. HotSpot accepts
 * only peers of its own user (root included only for root's JVMs).
 */
final class HotSpotAttach {
  private HotSpotAttach() {}

  /**
   * The output of diagnostic command {@code command} in JVM {@code pid}.
   *
   * @throws IOException with the reason when the JVM did not answer or refused
   */
  static String jcmd(int pid, String command, long timeoutMs) throws IOException {
    Path root = Path.of("/proc", Integer.toString(pid), "root");
    Path socket = root.resolve("tmp/.java_pid" + pid);
    if (!Files.exists(socket)) {
      startListener(pid, socket, timeoutMs);
    }
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(socket));
      ch.write(ByteBuffer.wrap(("1\0jcmd\0" + command + "\0\0\0")
          .getBytes(StandardCharsets.UTF_8)));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteBuffer buf = ByteBuffer.allocate(1 << 14);
      while (ch.read(buf) > 0) {
        out.write(buf.array(), 0, buf.position());
        buf.clear();
      }
      String text = out.toString(StandardCharsets.UTF_8);
      int nl = text.indexOf('\n');
      String status = nl < 0 ? text.strip() : text.substring(0, nl).strip();
      if (!status.equals("0")) {
        throw new IOException("the JVM answered " + (text.isBlank() ? "nothing" : text.strip()));
      }
      return nl < 0 ? "" : text.substring(nl + 1);
    }
  }

  private static void startListener(int pid, Path socket, long timeoutMs) throws IOException {
    Path cwd = Path.of("/proc", Integer.toString(pid), "cwd");
    Path trigger = cwd.resolve(".attach_pid" + pid);
    try {
      Files.write(trigger, new byte[0]);
    } catch (IOException e) {
      trigger = Path.of("/proc", Integer.toString(pid), "root", "tmp", ".attach_pid" + pid);
      Files.write(trigger, new byte[0]);
    }
    try {
      Process kill = new ProcessBuilder("kill", "-QUIT", Integer.toString(pid)).start();
      kill.waitFor(5, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
      while (!Files.exists(socket)) {
        if (System.nanoTime() > deadline) {
          throw new IOException("no attach listener appeared within " + timeoutMs + " ms");
        }
        Thread.sleep(20);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    } finally {
      Files.deleteIfExists(trigger);
    }
  }
}
