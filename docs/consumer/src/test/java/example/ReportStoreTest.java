// SPDX-License-Identifier: Apache-2.0
package example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ior.junit.IoBudget;
import dev.ior.junit.RecordedIo;
import dev.ior.junit.TraceIo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ior-junit as a user writes it: the I/O of the code under test, recorded in this JVM with eBPF,
 * asserted on. Skipped with the reason without root and BPF (fails instead with
 * IOR_REQUIRE_BPF=1). {@link TempDirAssertionTest} proves the same assertion fails on a store
 * that writes outside its directory.
 */
@TraceIo
class ReportStoreTest {
  @Test
  @IoBudget(fsyncs = 0)
  void savesOnlyIntoItsDirectory(@TempDir Path dir, RecordedIo io) throws IOException {
    Path report = ReportStore.stagingBeside(dir).save("report.txt", "hello");

    io.opened().noneOutside(dir);
    assertEquals(5, io.bytesWritten(dir + "/**"));
    io.files().under(dir).contains(report.toString());
    assertEquals("hello", Files.readString(report));
  }
}
