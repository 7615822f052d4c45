// SPDX-License-Identifier: Apache-2.0
package dev.ior.testdata;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds a C program shipped as a resource of this jar with the system's C compiler, once per
 * source version (cached by content hash under java.io.tmpdir), and returns the executable.
 *
 * <pre>{@code
 * Path iorwl = NativeProgram.build("iorwl", "iorwl.c", "-pthread");
 * }</pre>
 */
public final class NativeProgram {
  private NativeProgram() {}

  /**
   * Compiles resource {@code source} (next to this class) into an executable named
   * {@code name}.
   *
   * @throws IOException when the compiler is missing or fails (the message carries its output)
   */
  public static synchronized Path build(String name, String source, String... flags)
      throws IOException {
    byte[] code;
    try (InputStream in = NativeProgram.class.getResourceAsStream(source)) {
      if (in == null) {
        throw new IOException("missing resource " + source);
      }
      code = in.readAllBytes();
    }
    String hash = sha256(code, String.join(" ", flags)).substring(0, 16);
    Path dir = Paths.get(System.getProperty("java.io.tmpdir"), "ior-testdata-" + hash);
    Path exe = dir.resolve(name);
    if (Files.isExecutable(exe)) {
      return exe;
    }
    Files.createDirectories(dir);
    Path src = dir.resolve(source);
    Files.write(src, code);
    String cc = source.endsWith(".cc") || source.endsWith(".cpp") ? "g++" : "gcc";
    Path tmp = dir.resolve(name + ".tmp");
    List<String> cmd = new ArrayList<>(List.of(cc, "-O2", "-g", "-Wall", "-o", tmp.toString(),
        src.toString()));
    cmd.addAll(List.of(flags));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException(cc + " failed for " + source + ": " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while compiling " + source, e);
    }
    Files.move(tmp, exe, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return exe;
  }

  private static String sha256(byte[] code, String flags) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(code);
      md.update(flags.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
