// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.stats;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;

/**
 * How many calls or records a trace lost, per {@link LossKind}. A kind may be unknown (a kernel
 * counter that could not be read): that is a state of its own, never a number, so it never enters
 * {@link #total()} or a file as -1. Immutable; build one with {@link #builder()}.
 *
 * <pre>{@code
 * Losses l = Losses.builder().add(LossKind.RING_FULL, 12).unknown(LossKind.KERNEL_SKIPPED).build();
 * l.total();                        // 12
 * l.describe(LossKind.KERNEL_SKIPPED); // "unknown"
 * }</pre>
 */
public final class Losses {
  private static final LossKind[] KINDS = LossKind.values();
  /** Nothing lost, every kind known. */
  public static final Losses NONE = new Losses(new long[KINDS.length], 0);

  private final long[] counts;
  private final int unknown;

  private Losses(long[] counts, int unknown) {
    this.counts = counts;
    this.unknown = unknown;
  }

  /** {@return an empty builder (every kind 0 and known)} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@return the count of {@code kind}, >= 0; 0 when it is unknown (see {@link #known})}
   *
   * @param kind the kind of loss
   */
  public long count(LossKind kind) {
    return counts[kind.ordinal()];
  }

  /**
   * {@return whether {@code kind} was counted; false when its counter could not be read}
   *
   * @param kind the kind of loss
   */
  public boolean known(LossKind kind) {
    return (unknown & 1 << kind.ordinal()) == 0;
  }

  /**
   * {@return the count of {@code kind}, or empty when it is unknown}
   *
   * @param kind the kind of loss
   */
  public OptionalLong get(LossKind kind) {
    return known(kind) ? OptionalLong.of(count(kind)) : OptionalLong.empty();
  }

  /** {@return the kinds that could not be counted} */
  public Set<LossKind> unknownKinds() {
    Set<LossKind> s = EnumSet.noneOf(LossKind.class);
    for (LossKind k : KINDS) {
      if (!known(k)) {
        s.add(k);
      }
    }
    return s;
  }

  /** {@return the sum of every known kind} */
  public long total() {
    long sum = 0;
    for (long c : counts) {
      sum += c;
    }
    return sum;
  }

  /**
   * {@return the count of {@code kind} for people: {@code 1,234} or {@code unknown}}
   *
   * @param kind the kind of loss
   */
  public String describe(LossKind kind) {
    return known(kind) ? String.format(Locale.ROOT, "%,d", count(kind)) : "unknown";
  }

  /**
   * {@return these losses and {@code other}'s, kind by kind: a kind is unknown when it is unknown
   * in either, else the counts add up}
   *
   * @param other the losses to add, e.g. another trace's or the record source's
   */
  public Losses plus(Losses other) {
    long[] sum = new long[KINDS.length];
    for (int i = 0; i < sum.length; i++) {
      sum[i] = Math.addExact(counts[i], other.counts[i]);
    }
    int u = unknown | other.unknown;
    for (int i = 0; i < sum.length; i++) {
      if ((u & 1 << i) != 0) {
        sum[i] = 0;
      }
    }
    return new Losses(sum, u);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Losses && ((Losses) o).unknown == unknown
        && Arrays.equals(((Losses) o).counts, counts);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(counts) * 31 + unknown;
  }

  /** Every kind, e.g. {@code ring full 0, unread at stop 0, ..., skipped by the kernel unknown}. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    for (LossKind k : KINDS) {
      b.append(b.length() == 0 ? "" : ", ").append(k.words()).append(' ').append(describe(k));
    }
    return b.toString();
  }

  /** Builds {@link Losses}. */
  public static final class Builder {
    private final long[] counts = new long[KINDS.length];
    private int unknown;

    private Builder() {}

    /**
     * Adds {@code n} losses of {@code kind}.
     *
     * @param kind the kind of loss
     * @param n how many were lost, >= 0
     * @return this builder
     * @throws IllegalArgumentException when {@code n} is negative (a counter that could not be
     *     read is {@link #unknown(LossKind)}, not -1)
     */
    public Builder add(LossKind kind, long n) {
      if (n < 0) {
        throw new IllegalArgumentException("negative loss count " + n + " for " + kind.label()
            + " (an unreadable counter is unknown, not negative)");
      }
      counts[kind.ordinal()] = Math.addExact(counts[kind.ordinal()], n);
      return this;
    }

    /**
     * Marks {@code kind} as not counted: it shows as unknown and adds nothing to the total.
     *
     * @param kind the kind whose counter could not be read
     * @return this builder
     */
    public Builder unknown(LossKind kind) {
      unknown |= 1 << kind.ordinal();
      return this;
    }

    /** {@return the losses} */
    public Losses build() {
      long[] c = counts.clone();
      for (int i = 0; i < c.length; i++) {
        if ((unknown & 1 << i) != 0) {
          c[i] = 0;
        }
      }
      return new Losses(c, unknown);
    }
  }
}
