// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.live;

import static dev.ior.core.live.Pairs.pair;

import dev.ior.core.event.PairRecord;
import java.util.Locale;

/**
 * Prints what {@link LiveStats#accept} costs the consumer thread per pair, with a reader taking
 * a snapshot every 100 ms on another thread. A program that prints numbers, not a test. Run:
 * {@code mvn -q -o -pl ior-core test-compile && java -cp
 * ior-core/target/classes:ior-core/target/test-classes dev.ior.core.live.LiveStatsBenchmark}
 */
public final class LiveStatsBenchmark {
  private LiveStatsBenchmark() {}

  /** Runs 10 rounds of 5 M pairs over 1,000 files of 10 processes. */
  public static void main(String[] args) throws InterruptedException {
    PairRecord[] pairs = new PairRecord[1000];
    for (int i = 0; i < pairs.length; i++) {
      pairs[i] = pair("p" + i % 10, 100 + i % 10, i % 3 == 0 ? "read" : "write", "/d/" + i,
          1_000 + i, 100);
    }
    LiveStats live = LiveStats.create();
    Thread reader = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        live.snapshot();
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    reader.setDaemon(true);
    reader.start();
    int n = 5_000_000;
    for (int round = 0; round < 10; round++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        live.accept(pairs[i % pairs.length]);
      }
      long ns = System.nanoTime() - t0;
      System.out.printf(Locale.ROOT, "round %d: %.1f ns/pair (%.1f M pairs/s)%n", round,
          (double) ns / n, n * 1e3 / ns);
    }
    reader.interrupt();
  }
}
