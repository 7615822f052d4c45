// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.trace;

import dev.ior.core.record.RecordFileReader;
import dev.ior.core.record.RecordSink;
import dev.ior.core.syscall.Syscall;
import dev.ior.core.trace.spi.RecordSource;
import dev.ior.core.trace.spi.SourceLosses;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A recording ({@code .iorrec}) as a record source: read whole on the first poll. */
final class RecordingSource implements RecordSource {
  private final Path file;
  private final List<Syscall> attached;
  private volatile RecordFileReader.Replay replayed;

  /** A source replaying {@code file}; {@code attached} is what the recording traced. */
  RecordingSource(Path file, List<Syscall> attached) {
    this.file = file;
    this.attached = List.copyOf(attached);
  }

  @Override
  public long poll(RecordSink sink, int timeoutMs) throws IOException {
    if (replayed != null) {
      return -1;
    }
    replayed = RecordFileReader.replay(file, sink);
    return replayed.records();
  }

  @Override
  public String incomplete() {
    RecordFileReader.Replay r = replayed;
    return r != null && r.cutShort() ? r.describe() : null;
  }

  @Override
  public boolean kernelFiltered() {
    return false;
  }

  @Override
  public void stopEmitting() {}

  @Override
  public SourceLosses losses() {
    return SourceLosses.NONE;
  }

  @Override
  public List<Syscall> attached() {
    return attached;
  }

  @Override
  public void close() {}
}
