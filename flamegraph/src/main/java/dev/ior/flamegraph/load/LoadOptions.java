// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.load;

import dev.ior.flamegraph.collapsed.CollapsedOptions;
import java.util.Objects;

/**
 * What {@link ProfileLoader} builds and how.
 *
 * <pre>{@code
 * LoadOptions o = LoadOptions.treeOnly().withReverse(true).withValue("alloc_space");
 * }</pre>
 *
 * @param value the sample type to draw; empty for the input's default (the last, for pprof
 *     without one)
 * @param tree whether to build the frame tree
 * @param profile whether to keep the profile (needed for pprof or folded output)
 * @param reverse whether stacks are reversed (leaf first) before merging: flamegraph.pl's
 *     {@code --reverse}
 * @param chart whether to build a flame chart (input order, see {@link
 *     dev.ior.flamegraph.tree.FrameTree#chartBuilder()})
 * @param folded how folded stacks are read (escapes, kind rules); its sample type is what
 *     their counts are
 */
public record LoadOptions(String value, boolean tree, boolean profile, boolean reverse,
    boolean chart, CollapsedOptions folded) {
  /**
   * Checks the components.
   *
   * @param value the sample type to draw; empty for the input's default (the last, for pprof
   *     without one)
   * @param tree whether to build the frame tree
   * @param profile whether to keep the profile (needed for pprof or folded output)
   * @param reverse whether stacks are reversed (leaf first) before merging: flamegraph.pl's
   *     {@code --reverse}
   * @param chart whether to build a flame chart (input order, see {@link
   *     dev.ior.flamegraph.tree.FrameTree#chartBuilder()})
   * @param folded how folded stacks are read (escapes, kind rules); its sample type is what
   *     their counts are
   */
  public LoadOptions {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(folded, "folded");
    if (!tree && !profile) {
      throw new IllegalArgumentException("load a tree, a profile or both");
    }
  }

  /** {@return options building only the tree: folded input is streamed into it} */
  public static LoadOptions treeOnly() {
    return new LoadOptions("", true, false, false, false, CollapsedOptions.defaults());
  }

  /** {@return options building only the profile} */
  public static LoadOptions profileOnly() {
    return new LoadOptions("", false, true, false, false, CollapsedOptions.defaults());
  }

  /** {@return options building both the tree and the profile} */
  public static LoadOptions treeAndProfile() {
    return new LoadOptions("", true, true, false, false, CollapsedOptions.defaults());
  }

  /**
   * {@return a copy drawing sample type {@code v} (empty: the default)}
   *
   * @param v a sample type's name, or empty
   */
  public LoadOptions withValue(String v) {
    return new LoadOptions(v, tree, profile, reverse, chart, folded);
  }

  /**
   * {@return a copy with stacks reversed or not}
   *
   * @param r whether to reverse the stacks (leaf first)
   */
  public LoadOptions withReverse(boolean r) {
    return new LoadOptions(value, tree, profile, r, chart, folded);
  }

  /**
   * {@return a copy building a flame chart or not}
   *
   * @param c whether to build a flame chart (time order) instead of a flame graph
   */
  public LoadOptions withChart(boolean c) {
    return new LoadOptions(value, tree, profile, reverse, c, folded);
  }

  /**
   * {@return a copy reading folded stacks with {@code o}}
   *
   * @param o how folded stacks are read
   */
  public LoadOptions withFolded(CollapsedOptions o) {
    return new LoadOptions(value, tree, profile, reverse, chart, o);
  }
}
