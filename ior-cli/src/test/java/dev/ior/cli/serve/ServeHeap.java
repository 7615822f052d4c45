// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.serve;

/** The heap bin/.launch gives {@code ior serve} (the same formula, docs/serve.md). */
final class ServeHeap {
  private ServeHeap() {}

  /** MiB for a series cap and the default -pprof-rows. */
  static int megabytes(int maxSeries) {
    return 24 + maxSeries / 1024 + ServeOutput.DEFAULT_WINDOW_ROWS * 3 / 2048;
  }
}
