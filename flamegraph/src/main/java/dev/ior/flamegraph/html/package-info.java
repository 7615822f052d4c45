// SPDX-License-Identifier: Apache-2.0
/**
 * Canvas-based HTML flame graphs for large trees: {@link dev.ior.flamegraph.html.HtmlRenderer}
 * fills the template {@code flamegraph.html} (a resource next to these classes) with the tree.
 */
package dev.ior.flamegraph.html;
