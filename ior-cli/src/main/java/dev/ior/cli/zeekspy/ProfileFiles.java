// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.zeekspy;

import dev.ior.flamegraph.io.AtomicFile;
import dev.ior.flamegraph.pprof.PprofWriter;
import dev.ior.flamegraph.profile.StackProfile;
import dev.ior.flamegraph.svg.SvgOptions;
import dev.ior.flamegraph.svg.SvgRenderer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Writes zeekspy's outputs completely or not at all: into a temporary file next to the target,
 * then renamed over it, so a reader never sees half a profile.
 */
final class ProfileFiles {
  /** Something that writes a whole file's content. */
  private interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private ProfileFiles() {}

  /** The gzipped pprof profile (the writer {@code ior -pprof} uses too). */
  static void writePprof(StackProfile profile, Path file) throws IOException {
    atomically(file, out -> PprofWriter.write(profile, out));
  }

  /** An interactive SVG flame graph of the {@code samples} column. */
  static void writeFlameGraph(StackProfile profile, String subtitle, Path file)
      throws IOException {
    SvgOptions options = SvgOptions.defaults().withTitle("Zeek script profile")
        .withSubtitle(subtitle).withCountName("samples");
    atomically(file, out -> SvgRenderer.render(profile, 0, options, out));
  }

  private static void atomically(Path file, Content content) throws IOException {
    AtomicFile.write(file, out -> {
      content.writeTo(out);
      return null;
    });
  }
}
