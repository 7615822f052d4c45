// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.record;

import dev.ior.core.internal.decode.RecordLayout;
import dev.ior.core.stack.CallStack;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The one record kind user space writes into recordings itself, never the kernel: the named
 * frames of a stack id of a process, written when the live trace named it (and again when it
 * named it better), right before the exit of the first call that uses it. A replay learns the
 * names from it, so its stacks are the live trace's, without the kernel's stack map or the
 * traced processes' files. Layout (little-endian, see docs/formats.md): the 24-byte record head
 * (kind {@link #KIND}, flags bit 0: provisional, pid), then 24: {@code stack_id} s32, 28: frame
 * count u32, 32: {@code sp_word} u64, 40: per frame a u16 byte length and that many UTF-8
 * bytes, root first. A record longer than a recording allows ({@link #MAX_BYTES}) keeps the
 * innermost frames and says how many were cut in a first frame {@code [N frames cut]}.
 */
public final class StackNamesRecord {
  /** The kind; far above the kernel's kinds ({@code enum ior_kind}), which stay below 256. */
  public static final int KIND = 256;
  static final int STACK_ID = 24;
  static final int FRAMES = 28;
  static final int SP_WORD = 32;
  static final int SIZE = 40;
  /** A recording stores a record's length as a u16. */
  static final int MAX_BYTES = 0xffff;
  private static final int F_PROVISIONAL = 1;

  private final ByteBuffer buf = ByteBuffer.allocate(MAX_BYTES).order(ByteOrder.LITTLE_ENDIAN);

  /**
   * {@return whether the record at {@code buf[offset...]} is one of these}
   *
   * @param buf the buffer holding the record
   * @param offset where the record starts, bytes
   * @param length the record's length, bytes
   */
  public static boolean is(ByteBuffer buf, int offset, int length) {
    return length >= SIZE && buf.getInt(offset + RecordLayout.HEAD_KIND) == KIND;
  }

  /**
   * Encodes {@code stack} as the names of {@code stackId} of {@code pid} and hands the record to
   * {@code sink}. Called once per distinct stack (not per call); reuses its buffer.
   *
   * @param pid process id (tgid)
   * @param stackId key of the kernel's stack map
   * @param spWord the word at the user stack pointer at the syscall, 0 when unreadable
   * @param stack the names, root first
   * @param sink receives the encoded record, valid only during the call
   */
  public void write(int pid, int stackId, long spWord, CallStack stack, RecordSink sink) {
    List<byte[]> frames = new ArrayList<>(stack.frames().size());
    for (String f : stack.frames()) {
      frames.add(f.getBytes(StandardCharsets.UTF_8));
    }
    int cut = 0;
    while (size(frames, cut) > MAX_BYTES) {
      cut++;
    }
    buf.clear();
    buf.putInt(KIND).putShort((short) 0)
        .putShort((short) (stack.provisional() ? F_PROVISIONAL : 0))
        .putInt(pid).putInt(0).putLong(0)
        .putInt(stackId).putInt(frames.size() - cut + (cut > 0 ? 1 : 0)).putLong(spWord);
    if (cut > 0) {
      byte[] mark = ("[" + cut + " frames cut]").getBytes(StandardCharsets.UTF_8);
      buf.putShort((short) mark.length).put(mark);
    }
    for (int i = cut; i < frames.size(); i++) {
      buf.putShort((short) frames.get(i).length).put(frames.get(i));
    }
    sink.accept(buf, 0, buf.position());
  }

  private static int size(List<byte[]> frames, int cut) {
    int n = SIZE + (cut > 0 ? 32 : 0);
    for (int i = cut; i < frames.size(); i++) {
      n += 2 + frames.get(i).length;
    }
    return n;
  }

  /**
   * What a record says: the stack id of a process and its names.
   *
   * @param pid process id (tgid)
   * @param stackId key of the kernel's stack map
   * @param spWord the word at the user stack pointer at the syscall, 0 when unreadable
   * @param stack the frames' names, root first
   */
  public record Names(int pid, int stackId, long spWord, CallStack stack) {}

  /**
   * Decodes the record at {@code buf[offset, offset + length)}; null when it is cut short or its
   * frames do not fit its length (a damaged recording: the replay shows the stack as unknown).
   *
   * @param buf the buffer holding the record
   * @param offset where the record starts, bytes
   * @param length the record's length, bytes
   * @return what the record says, or null when it is damaged
   */
  public static Names read(ByteBuffer buf, int offset, int length) {
    if (!is(buf, offset, length)) {
      return null;
    }
    boolean provisional = (buf.getShort(offset + RecordLayout.HEAD_FLAGS) & F_PROVISIONAL) != 0;
    int pid = buf.getInt(offset + RecordLayout.HEAD_PID);
    int n = buf.getInt(offset + FRAMES);
    List<String> frames = new ArrayList<>(Math.max(0, Math.min(n, 1024)));
    int at = offset + SIZE;
    int end = offset + length;
    for (int i = 0; i < n; i++) {
      if (at + 2 > end) {
        return null;
      }
      int len = Short.toUnsignedInt(buf.getShort(at));
      if (at + 2 + len > end) {
        return null;
      }
      byte[] b = new byte[len];
      buf.get(at + 2, b);
      frames.add(CallStack.clean(new String(b, StandardCharsets.UTF_8)));
      at += 2 + len;
    }
    if (frames.isEmpty()) {
      return null;
    }
    return new Names(pid, buf.getInt(offset + STACK_ID), buf.getLong(offset + SP_WORD),
        new CallStack(frames, provisional));
  }
}
