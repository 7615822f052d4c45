// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.projection;

import dev.ior.core.iorfile.IorFileFormat;
import dev.ior.core.iorfile.IorFileReader;
import dev.ior.flamegraph.load.Decoded;
import dev.ior.flamegraph.load.ProfileFormat;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * {@code .ior} data files as an input of the flame-graph loader, projected with the user's
 * {@code -fields}/{@code -count}: so {@code ior -ior}, {@code ior -diff} and {@code
 * bin/flamegraph} read them through the same front end as folded stacks and pprof.
 *
 * <pre>{@code
 * ProfileLoader loader = ProfileLoader.standard().with(new IorDataFormat(projection));
 * }</pre>
 */
public final class IorDataFormat implements ProfileFormat {
  private final Projection projection;

  /**
   * Reads data files and projects them with {@code projection}.
   *
   * @param projection the fields and count each file is projected onto
   */
  public IorDataFormat(Projection projection) {
    this.projection = projection;
  }

  @Override
  public String name() {
    return "ior data";
  }

  @Override
  public boolean detect(byte[] head, int length) {
    int n = IorFileFormat.MAGIC.length;
    return length >= n && Arrays.equals(head, 0, n, IorFileFormat.MAGIC, 0, n);
  }

  @Override
  public Decoded read(InputStream in, String source) throws IOException {
    return IorProfiles.of(IorFileReader.read(in, source), projection);
  }
}
