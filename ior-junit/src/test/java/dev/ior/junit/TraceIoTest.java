// SPDX-License-Identifier: Apache-2.0
package dev.ior.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The extension on the real kernel, recording this very JVM: code that writes outside its temp
 * dir fails the assertion, code that does not passes, and the assertions see exact counts.
 */
@TraceIo
class TraceIoTest {
  @TempDir Path dir;

  @Test
  void codeThatStaysInItsTempDirPasses(RecordedIo io) throws IOException {
    Files.writeString(dir.resolve("a.txt"), "hello");
    Files.readString(dir.resolve("a.txt"));
    io.opened().noneOutside(dir);
    assertEquals(5, io.bytesWritten(dir + "/**"));
    assertEquals(5, io.bytesRead(dir + "/*.txt"));
    io.files().under(dir).containsExactly(dir.resolve("a.txt"));
  }

  @Test
  void codeThatWritesOutsideItsTempDirFailsWithTheOffendingCall(RecordedIo io,
      @TempDir Path elsewhere) throws IOException {
    Files.writeString(dir.resolve("inside.txt"), "in");
    Path stray = elsewhere.resolve("stray.txt");
    Files.writeString(stray, "out");
    AssertionError e = assertThrows(AssertionError.class, () -> io.opened().noneOutside(dir));
    assertTrue(e.getMessage().contains("1 of 2 opens touched files outside " + dir),
        e.getMessage());
    assertTrue(e.getMessage().contains(stray.toString()), e.getMessage());
    assertTrue(e.getMessage().contains(" [thread "), "names the calling thread: " + e.getMessage());
    assertEquals(3, io.bytesWritten(elsewhere + "/**"));
  }

  @Test
  void countsSyscallsExactly(RecordedIo io) throws IOException {
    try (FileChannel c = FileChannel.open(dir.resolve("d.bin"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE)) {
      c.write(java.nio.ByteBuffer.wrap(new byte[100]));
      c.force(true);
      c.force(true);
    }
    io.syscalls("fsync").hasCount(2);
    AssertionError e = assertThrows(AssertionError.class, () -> io.syscalls("fsync").atMost(1));
    assertTrue(e.getMessage().startsWith("expected at most 1 fsync calls, found 2:"),
        e.getMessage());
    assertTrue(io.syscalls("fsync").count() <= 2);
  }

  @Test
  void threadsAndProcessesTheTestStartsAreRecorded(RecordedIo io) throws Exception {
    Path byThread = dir.resolve("thread.txt");
    Thread t = new Thread(() -> {
      try {
        Files.writeString(byThread, "t");
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }, "writer-thread");
    t.start();
    t.join();
    Path byChild = dir.resolve("child.txt");
    Process p = new ProcessBuilder("/bin/sh", "-c", "echo child > " + byChild).start();
    assertEquals(0, p.waitFor());
    io.files().under(dir).containsExactly(byThread, byChild);
    assertTrue(io.onFiles(byThread.toString()).list().stream()
        .anyMatch(c -> c.thread().equals("writer-thread")), io.onFiles(byThread.toString())
            .list().toString());
    assertTrue(io.onFiles(byChild.toString()).list().stream()
        .anyMatch(c -> c.pid() != ProcessHandle.current().pid()), "the child's own write");
  }

  @Test
  void oursAreLeftOutAndNothingIsRecordedBeforeTheTest(RecordedIo io) {
    io.calls().isEmpty(); // the extension's own start and the JVM's class loading are not ours
  }
}
