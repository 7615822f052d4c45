// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.collapsed;

import dev.ior.flamegraph.profile.Frame;
import java.util.Arrays;

/**
 * The frames of a read, looked up by the bytes of their text in the line buffer: a frame seen
 * before is found without decoding its bytes into a String first (a folded file of 80,000 lines
 * names some 650,000 frames, of which a few ten thousand differ). Open addressing, linear
 * probing, at most half full. Not thread-safe; one per read.
 */
final class FrameTable {
  private byte[][] keys = new byte[1024][];
  private int[] hashes = new int[1024];
  private Frame[] frames = new Frame[1024];
  private int size;

  /** {@return the hash of {@code b[off, off + len)} that {@link #get} and {@link #put} take} */
  static int hash(byte[] b, int off, int len) {
    int h = 1;
    for (int i = off, end = off + len; i < end; i++) {
      h = 31 * h + b[i];
    }
    return h;
  }

  /** {@return the frame stored for the bytes {@code b[off, off + len)} of hash {@code h}, or null} */
  Frame get(byte[] b, int off, int len, int h) {
    int mask = keys.length - 1;
    for (int i = mix(h) & mask; keys[i] != null; i = (i + 1) & mask) {
      if (hashes[i] == h && Arrays.equals(keys[i], 0, keys[i].length, b, off, off + len)) {
        return frames[i];
      }
    }
    return null;
  }

  /** Stores {@code frame} for a copy of the bytes {@code b[off, off + len)} (not yet stored). */
  void put(byte[] b, int off, int len, int h, Frame frame) {
    if (2 * (size + 1) > keys.length) {
      grow();
    }
    insert(Arrays.copyOfRange(b, off, off + len), h, frame);
    size++;
  }

  private void insert(byte[] key, int h, Frame frame) {
    int mask = keys.length - 1;
    int i = mix(h) & mask;
    while (keys[i] != null) {
      i = (i + 1) & mask;
    }
    keys[i] = key;
    hashes[i] = h;
    frames[i] = frame;
  }

  private void grow() {
    byte[][] oldKeys = keys;
    int[] oldHashes = hashes;
    Frame[] oldFrames = frames;
    keys = new byte[oldKeys.length * 2][];
    hashes = new int[keys.length];
    frames = new Frame[keys.length];
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != null) {
        insert(oldKeys[i], oldHashes[i], oldFrames[i]);
      }
    }
  }

  /** Spreads the high bits into the low ones that pick the slot, as HashMap does. */
  private static int mix(int h) {
    return h ^ (h >>> 16);
  }
}
