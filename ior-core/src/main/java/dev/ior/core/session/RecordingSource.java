// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.session;

import dev.ior.core.record.RecordFileReader;
import dev.ior.core.record.RecordSink;
import dev.ior.core.syscall.Syscall;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A recording ({@code .iorrec}) as a record source: read whole on the first poll. */
public final class RecordingSource implements RecordSource {
  private final Path file;
  private final List<Syscall> attached;
  private volatile RecordFileReader.Replay replayed;

  /** A source replaying {@code file}; {@code attached} is what the recording traced. */
  public RecordingSource(Path file, List<Syscall> attached) {
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

  /** What the replay read (records, whether the recording was cut short); null before. */
  public RecordFileReader.Replay replayed() {
    return replayed;
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
