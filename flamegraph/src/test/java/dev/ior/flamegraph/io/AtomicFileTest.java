// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one atomic writer: all or nothing, the umask's mode, errors about the user's file. */
class AtomicFileTest {
  @TempDir Path dir;

  @Test
  void writesTheContentAndReturnsWhatTheBodyReturns() throws IOException {
    Path out = dir.resolve("a.svg");
    Files.writeString(out, "old");
    int n = AtomicFile.write(out, s -> {
      s.write("new content".getBytes(StandardCharsets.UTF_8));
      return 11;
    });
    assertEquals(11, n);
    assertEquals("new content", Files.readString(out));
    assertEquals(List.of("a.svg"), names());
  }

  @Test
  void modeFollowsTheUmaskLikeAnyNewFile() throws IOException {
    Path plain = dir.resolve("plain");
    try (OutputStream s = Files.newOutputStream(plain)) {
      s.write(1);
    }
    Path atomic = dir.resolve("atomic");
    AtomicFile.write(atomic, s -> {
      s.write(1);
      return null;
    });
    assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(atomic),
        "not createTempFile's rw-------");
  }

  @Test
  void aFailingBodyLeavesTheOldFileAndNoTemporaryFile() throws IOException {
    Path out = dir.resolve("b.pb.gz");
    Files.writeString(out, "old");
    assertThrows(UncheckedIOException.class, () -> AtomicFile.write(out, s -> {
      s.write(new byte[100_000]);
      throw new UncheckedIOException(new IOException("renderer failed"));
    }));
    assertThrows(StackOverflowError.class, () -> AtomicFile.write(out, s -> {
      throw new StackOverflowError();
    }));
    assertEquals("old", Files.readString(out));
    assertEquals(List.of("b.pb.gz"), names());
  }

  @Test
  void errorsNameTheUsersFileNotTheTemporaryOne() throws IOException {
    Path missing = dir.resolve("no/such/dir/c.svg");
    IOException e = assertThrows(IOException.class, () -> AtomicFile.write(missing, s -> null));
    assertEquals(missing + ": no such directory", e.getMessage());

    Path directory = Files.createDirectories(dir.resolve("d.svg"));
    Files.writeString(directory.resolve("inside"), "x");
    IOException d = assertThrows(IOException.class, () -> AtomicFile.write(directory, s -> {
      s.write(1);
      return null;
    }));
    assertTrue(d.getMessage().startsWith(directory + ": "), d.getMessage());
    assertFalse(d.getMessage().contains(".tmp"), d.getMessage());
    assertEquals(List.of("d.svg"), names());
  }

  @Test
  void streamingOutputAppearsOnlyOnCommit() throws IOException {
    Path out = dir.resolve("e.iorrec");
    try (AtomicFile.Output o = AtomicFile.open(out)) {
      o.stream().write(42);
      assertFalse(Files.exists(out));
    }
    assertEquals(List.of(), names(), "closed without commit: nothing");
    try (AtomicFile.Output o = AtomicFile.open(out)) {
      o.stream().write(new byte[] {1, 2, 3});
      o.commit();
      assertThrows(IllegalStateException.class, o::commit);
    }
    assertEquals(3, Files.size(out));
  }

  private List<String> names() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }
}
