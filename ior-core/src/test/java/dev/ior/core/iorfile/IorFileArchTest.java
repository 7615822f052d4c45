// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.iorfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ior.core.iorfile.proto.Header;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** .ior files name the arch of their rows; one of another arch is refused, an older one read. */
class IorFileArchTest {
  @TempDir Path dir;

  private Path file(String arch) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream head = new DataOutputStream(bytes);
    head.write(IorFileFormat.MAGIC);
    head.writeShort(IorFileFormat.VERSION);
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      Header.newBuilder().setHost("h").setArch(arch).build().writeDelimitedTo(gz);
    }
    return Files.write(dir.resolve("a-" + arch.hashCode() + ".ior"), bytes.toByteArray());
  }

  @Test
  void anotherArchIsRefusedInOneLine() throws IOException {
    for (String arch : new String[] {"arm64", "riscv64", "x\u001b[31m"}) {
      Path f = file(arch);
      IOException e = assertThrows(IOException.class, () -> IorFileReader.read(f));
      assertEquals(f + ": written on " + arch.replace("\u001b", "\\x1b") + "; this ior reads"
          + " x86_64 .ior files only (open flags differ between arches)", e.getMessage());
    }
  }

  @Test
  void x86AndFilesFromBeforeTheFieldAreRead() throws IOException {
    assertEquals("h", IorFileReader.read(file("x86_64")).run().host());
    assertEquals("h", IorFileReader.read(file("")).run().host());
  }

  @Test
  void theWriterNamesItsArch() throws IOException {
    Path f = dir.resolve("w.ior");
    IorFileWriter.write(f, IorFileTest.sample());
    try (var in = Files.newInputStream(f)) {
      in.readNBytes(IorFileFormat.MAGIC.length + 2);
      try (var gz = new java.util.zip.GZIPInputStream(in)) {
        assertEquals("x86_64", Header.parseDelimitedFrom(gz).getArch());
      }
    }
  }
}
