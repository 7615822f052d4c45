// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.stats;

/**
 * Every way a trace can lose a call, each with its meaning: the one list the end report, the
 * {@code .ior} file, Prometheus' {@code ior_lost_total{kind}} and the dashboard all read, so they
 * cannot disagree. A new kind added here appears in all of them.
 *
 * <pre>{@code
 * for (LossKind k : LossKind.values()) {
 *   System.out.println(k.label() + ": " + stats.losses().describe(k) + " (" + k.meaning() + ")");
 * }
 * }</pre>
 */
public enum LossKind {
  /** Counted in the kernel: the ring buffer had no room. */
  RING_FULL("ring_full", "ring full",
      "records the kernel could not reserve because the ring buffer was full (raise -mapSize or"
          + " narrow the trace)"),
  /** Counted at the stop: records the consumer never read. */
  UNREAD_AT_STOP("unread_at_stop", "unread at stop",
      "records still in the ring buffer when the trace stopped"),
  /** Counted in pairing. */
  ENTER_WITHOUT_EXIT("enter_without_exit", "enter without exit",
      "enters whose exit never came (a later enter of the thread replaced it, or the thread"
          + " ended)"),
  /** Counted in pairing. */
  EXIT_WITHOUT_ENTER("exit_without_enter", "exit without enter",
      "exits without a pending enter (the enter was lost or came before the trace started)"),
  /** Counted in pairing: sequence numbers prove records between an enter and an exit were lost. */
  ACROSS_LOSS("across_loss", "pairs across a loss",
      "an enter and an exit of one thread that were not of one call (records between them were"
          + " lost); never paired"),
  /** Counted in pairing. */
  MISMATCHED("mismatched", "mismatched", "exits whose pending enter was of another syscall"),
  /** Counted in decoding. */
  MALFORMED("malformed", "malformed", "records that could not be decoded (unknown kind or id,"
      + " short)"),
  /** Counted by the kernel for each program; unknown when the kernel does not say (before 5.12). */
  KERNEL_SKIPPED("kernel_skipped", "skipped by the kernel",
      "runs of the BPF programs the kernel skipped because another BPF program ran on the CPU"
          + " (recursion misses)"),
  /** Counted in the kernel. */
  NO_THREAD_STATE("no_thread_state", "no thread state",
      "calls not traced because the kernel could not give the thread its per-thread state");

  private final String label;
  private final String words;
  private final String meaning;

  LossKind(String label, String words, String meaning) {
    this.label = label;
    this.words = words;
    this.meaning = meaning;
  }

  /**
   * {@return the machine name: Prometheus' {@code kind} label, the JSON and file key ({@code
   * ring_full})}
   */
  public String label() {
    return label;
  }

  /** {@return the name in reports ({@code ring full})} */
  public String words() {
    return words;
  }

  /** {@return what is counted, in one sentence for help texts} */
  public String meaning() {
    return meaning;
  }

  /**
   * {@return the kind of {@link #label()} {@code label}, or null}
   *
   * @param label a machine name such as {@code ring_full}
   */
  public static LossKind byLabel(String label) {
    for (LossKind k : values()) {
      if (k.label.equals(label)) {
        return k;
      }
    }
    return null;
  }
}
