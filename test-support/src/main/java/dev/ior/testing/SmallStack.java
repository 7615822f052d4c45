// SPDX-License-Identifier: Apache-2.0
package dev.ior.testing;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs code on a thread with a small stack, to prove it does not depend on the depth of its
 * input (deep stacks must not be deep recursion).
 */
public final class SmallStack {
  private SmallStack() {}

  /** Runs {@code body} on a thread with a {@code bytes} stack; returns or rethrows its result. */
  public static <T> T run(int bytes, Callable<T> body) throws Throwable {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread t = new Thread(null, () -> {
      try {
        result.set(body.call());
      } catch (Throwable e) {
        failure.set(e);
      }
    }, "small-stack-" + bytes, bytes);
    t.start();
    t.join();
    if (failure.get() != null) {
      throw failure.get();
    }
    return result.get();
  }
}
