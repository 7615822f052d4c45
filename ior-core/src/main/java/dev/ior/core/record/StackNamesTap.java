// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.record;

import dev.ior.core.stack.CallStack;
import dev.ior.core.stack.FileMapping;
import dev.ior.core.stack.StackResolver;

/**
 * A {@link StackResolver} that also writes what it resolves into a recording, as {@link
 * StackNamesRecord}s, so that a replay of the recording names the stacks as the live trace did.
 * Runs where the resolver runs: once per distinct stack of a process, never per call.
 */
public final class StackNamesTap implements StackResolver {
  private final StackResolver live;
  private final RecordSink recording;
  private final StackNamesRecord record = new StackNamesRecord();

  /**
   * Resolves through {@code live} and hands a names record of each answer to {@code recording}.
   *
   * @param live the live trace's resolver
   * @param recording the recording's writer
   */
  public StackNamesTap(StackResolver live, RecordSink recording) {
    this.live = live;
    this.recording = recording;
  }

  @Override
  public CallStack resolve(int pid, int stackId, long spWord) {
    CallStack s = live.resolve(pid, stackId, spWord);
    record.write(pid, stackId, spWord, s, recording);
    return s;
  }

  @Override
  public long generation() {
    return live.generation();
  }

  @Override
  public void frames(int stackId, long[] ips, int depth) {
    live.frames(stackId, ips, depth);
  }

  @Override
  public void mapping(int pid, int index, FileMapping m) {
    live.mapping(pid, index, m);
  }

  @Override
  public void forget(int pid) {
    live.forget(pid);
  }
}
