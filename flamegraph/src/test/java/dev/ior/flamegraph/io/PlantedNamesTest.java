// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local user attacks root's output: a symlink (or file) of theirs planted under the name root
 * is about to write in a sticky world-writable directory like /tmp. The write must be refused
 * in one line, the victim file untouched and no temporary file left, whatever
 * {@code fs.protected_symlinks} says (these tests do not depend on it). Needs root (to give the
 * planted name to another user); skipped otherwise.
 */
class PlantedNamesTest {
  private static final int NOBODY = 65534;

  @TempDir Path root;
  private Path shared;
  private Path victim;

  @BeforeEach
  void sharedDirectory() throws IOException {
    Assumptions.assumeTrue("0".equals(uid()), "needs root to plant a name of another user");
    shared = Files.createDirectory(root.resolve("tmp"));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
    Files.setAttribute(shared, "unix:mode", 01777);
    victim = Files.writeString(root.resolve("shadow"), "secret\n");
  }

  private static String uid() throws IOException {
    return String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
  }

  private Path plantLink(String name, Path to) throws IOException {
    Path link = Files.createSymbolicLink(shared.resolve(name), to);
    Files.setAttribute(link, "unix:uid", NOBODY, LinkOption.NOFOLLOW_LINKS);
    return link;
  }

  private void assertUntouched() throws IOException {
    assertEquals("secret\n", Files.readString(victim));
    try (var files = Files.list(shared)) {
      List<String> temps = files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".tmp")).collect(Collectors.toList());
      assertEquals(List.of(), temps);
    }
  }

  private static void write(Path target) throws IOException {
    AtomicFile.write(target, out -> {
      out.write("ior output\n".getBytes(StandardCharsets.US_ASCII));
      return null;
    });
  }

  @Test
  void anotherUsersSymlinkIsNeitherFollowedNorReplaced() throws IOException {
    Path o = plantLink("o.svg", victim);
    IOException e = assertThrows(IOException.class, () -> write(o));
    assertEquals(o + ": refusing to write through a symlink of uid 65534 in the shared"
        + " directory " + shared + " (another user may have planted it; remove it or choose"
        + " another name)", e.getMessage());
    assertTrue(Files.isSymbolicLink(o));
    assertUntouched();
  }

  @Test
  void aDanglingSymlinkToWhereRootWouldCreateAFileIsRefused() throws IOException {
    Path o = plantLink("o.ior", root.resolve("etc-cron-job"));
    assertThrows(IOException.class, () -> write(o));
    assertFalse(Files.exists(root.resolve("etc-cron-job")));
    assertUntouched();
  }

  @Test
  void anotherUsersFileIsNotWrittenEither() throws IOException {
    Path o = Files.writeString(shared.resolve("o.pb.gz"), "theirs");
    Files.setAttribute(o, "unix:uid", NOBODY);
    assertThrows(IOException.class, () -> write(o));
    assertEquals("theirs", Files.readString(o));
    assertUntouched();
  }

  @Test
  void aStreamWrittenAsItGoesRefusesThePlantedLink() throws IOException {
    Path o = plantLink("events.csv", victim);
    assertThrows(IOException.class, () -> AtomicFile.openInPlace(o));
    assertUntouched();
  }

  @Test
  void aSymlinkPlantedWhileWritingIsRefusedAtTheRename() throws IOException {
    Path o = shared.resolve("late.svg");
    try (AtomicFile.Output out = AtomicFile.open(o)) {
      out.stream().write('x');
      plantLink("late.svg", victim);
      assertThrows(IOException.class, out::commit);
    }
    assertUntouched();
  }

  @Test
  void ownLinksAndPrivateDirectoriesWorkAsBefore() throws IOException {
    Path mine = Files.createSymbolicLink(shared.resolve("mine.csv"), root.resolve("real.csv"));
    try (OutputStream out = AtomicFile.openInPlace(mine)) {
      out.write('y');
    }
    assertEquals("y", Files.readString(root.resolve("real.csv")));
    Path priv = Files.createDirectory(root.resolve("private"));
    Path theirs = Files.createSymbolicLink(priv.resolve("o.svg"), victim);
    Files.setAttribute(theirs, "unix:uid", NOBODY, LinkOption.NOFOLLOW_LINKS);
    write(theirs); // not a shared directory: the rename replaces the link, not the victim
    assertFalse(Files.isSymbolicLink(theirs));
    assertEquals("ior output\n", Files.readString(theirs));
    assertUntouched();
  }
}
