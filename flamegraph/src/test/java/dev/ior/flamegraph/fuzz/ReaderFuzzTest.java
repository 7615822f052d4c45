// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.flamegraph.collapsed.CollapsedOptions;
import dev.ior.flamegraph.collapsed.CollapsedReader;
import dev.ior.flamegraph.collapsed.CollapsedWriter;
import dev.ior.flamegraph.pprof.PprofReader;
import dev.ior.flamegraph.pprof.PprofWriter;
import dev.ior.flamegraph.profile.Frame;
import dev.ior.flamegraph.profile.SampleType;
import dev.ior.flamegraph.profile.StackProfile;
import dev.ior.flamegraph.tree.FrameTree;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated inputs for the folded-stack and pprof readers: every input gives a profile
 * (which the tree builder and writers can use) or an IOException with a message, never another
 * exception. Seeds are fixed, so a failure names a reproducible case.
 */
class ReaderFuzzTest {
  private static final int CASES = 3000;

  private interface Reader {
    StackProfile read(byte[] input) throws IOException;
  }

  private static StackProfile collapsed(byte[] b) throws IOException {
    return CollapsedReader.read(new ByteArrayInputStream(b), CollapsedOptions.defaults())
        .profile();
  }

  private static StackProfile pprof(byte[] b) throws IOException {
    return PprofReader.read(new ByteArrayInputStream(b));
  }

  private static StackProfile sample() {
    return StackProfile.builder(List.of(new SampleType("samples", "count"),
            new SampleType("duration", "nanoseconds")))
        .add(List.of(Frame.of("main", "process"), Frame.of("read", "syscall")), Map.of("pid", "4"),
            3, 3000)
        .add(List.of(Frame.of("main", "process"), Frame.of("write;x", "syscall")), Map.of(),
            1, 900)
        .add(List.of(Frame.of("other\nname")), Map.of(), 7, 70)
        .build();
  }

  private static byte[] pprofBytes(boolean gzip) throws IOException {
    if (!gzip) {
      return PprofWriter.toProto(sample()).toByteArray();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PprofWriter.write(sample(), out);
    return out.toByteArray();
  }

  private static byte[] foldedBytes() {
    return (CollapsedWriter.format(sample(), 0) + "a;b;c 12\nx 3\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Runs {@code reader}: 0 for a result, 1 for a proper refusal; anything else fails. */
  private static int outcome(Reader reader, byte[] input, String what) {
    try {
      StackProfile p = reader.read(input);
      for (int i = 0; i < p.sampleTypes().size(); i++) {
        p.total(i);
        FrameTree.of(p, i); // what the renderers do next must not blow up either
      }
      return 0;
    } catch (IOException e) {
      assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), what + ": no message");
      return 1;
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      throw new AssertionError(what + ": unexpected " + e + " for input "
          + Arrays.toString(Arrays.copyOf(input, Math.min(input.length, 64))), e);
    }
  }

  private static byte[] mutate(byte[] seed, Random r) {
    byte[] b = seed.clone();
    switch (r.nextInt(5)) {
      case 0: // flip bytes
        for (int i = 0, n = 1 + r.nextInt(3); i < n; i++) {
          b[r.nextInt(b.length)] ^= (byte) (1 + r.nextInt(255));
        }
        return b;
      case 1: // cut
        return Arrays.copyOf(b, r.nextInt(b.length));
      case 2: // insert random bytes
        int at = r.nextInt(b.length + 1);
        byte[] ins = new byte[1 + r.nextInt(8)];
        r.nextBytes(ins);
        byte[] out = new byte[b.length + ins.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(ins, 0, out, at, ins.length);
        System.arraycopy(b, at, out, at + ins.length, b.length - at);
        return out;
      case 3: // delete a range
        int from = r.nextInt(b.length);
        int to = Math.min(b.length, from + 1 + r.nextInt(8));
        byte[] del = new byte[b.length - (to - from)];
        System.arraycopy(b, 0, del, 0, from);
        System.arraycopy(b, to, del, from, b.length - to);
        return del;
      default: // set a byte to an extreme
        b[r.nextInt(b.length)] = (byte) (r.nextBoolean() ? 0xff : 0x7f);
        return b;
    }
  }

  private static int[] fuzz(String name, Reader reader, byte[]... seeds) {
    Random r = new Random(name.hashCode());
    int[] results = new int[2];
    for (int i = 0; i < CASES; i++) {
      byte[] input;
      if (i % 4 == 0) {
        input = new byte[r.nextInt(200)];
        r.nextBytes(input);
      } else {
        input = mutate(seeds[i % seeds.length], r);
      }
      results[outcome(reader, input, name + " case " + i)]++;
    }
    System.out.printf("%s: %d cases, %d read, %d refused%n", name, CASES, results[0],
        results[1]);
    return results;
  }

  @Test
  void pprofReaderNeverThrowsAnythingButIoException() throws IOException {
    int[] r = fuzz("pprof", ReaderFuzzTest::pprof, pprofBytes(true), pprofBytes(false));
    assertTrue(r[1] > CASES / 2, "most damage is refused");
  }

  @Test
  void collapsedReaderNeverThrowsAnythingButIoException() {
    int[] r = fuzz("collapsed", ReaderFuzzTest::collapsed, foldedBytes());
    assertTrue(r[0] > 0 && r[1] > 0, "mutated text still reads, binary is refused");
  }

  @Test
  void binaryAndAllMalformedFilesAreRefusedByLine() throws IOException {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H'};
    assertEquals("line 3 holds a NUL byte: binary data, not folded stacks",
        assertThrows(IOException.class, () -> collapsed(png)).getMessage());
    assertEquals("not folded stacks: none of its 2 lines is 'frame;frame;... COUNT' (line 1:"
            + " no count at end of line)",
        assertThrows(IOException.class, () -> collapsed("hello\nworld\n".getBytes()))
            .getMessage());
    assertEquals("line 2 holds a NUL byte: binary data, not folded stacks",
        assertThrows(IOException.class, () -> collapsed("a;b 1\na\0;b 2\n".getBytes()))
            .getMessage());
    assertTrue(collapsed(new byte[0]).samples().isEmpty(), "an empty file is an empty profile");
    assertTrue(collapsed("\n\n".getBytes()).samples().isEmpty(), "so are blank lines");
  }

  @Test
  void countsThatAddUpPastTheRangeOfALongAreRefused() throws IOException {
    String big = "999999999999999999"; // 18 digits, the most a line may have
    StringBuilder same = new StringBuilder();
    StringBuilder different = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      same.append("a;b ").append(big).append('\n');
      different.append("a;b").append(i).append(' ').append(big).append('\n');
    }
    assertEquals("line 10: the counts add up past 9223372036854775807, more than a 64-bit count"
            + " holds",
        assertThrows(IOException.class, () -> collapsed(same.toString().getBytes()))
            .getMessage());
    StackProfile p = collapsed(different.toString().getBytes()); // each stack fits...
    assertThrows(ArithmeticException.class, () -> p.total(0)); // ...their total does not
    assertThrows(ArithmeticException.class, () -> FrameTree.of(p, 0));
    assertFalse(p.samples().isEmpty());
  }
}
