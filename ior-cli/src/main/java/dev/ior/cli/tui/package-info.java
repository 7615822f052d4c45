// SPDX-License-Identifier: Apache-2.0
/**
 * The {@code ior -tui} live dashboard. Models (flame layout, filter stack, picker, sparklines,
 * tables) and views draw on a {@link dev.ior.cli.tui.Canvas} and are tested on a text grid;
 * only {@link dev.ior.cli.tui.Tui} and {@code LanternaCanvas} touch lanterna's screen. The data
 * comes from {@link dev.ior.core.live.LiveStats} snapshots, taken on the UI thread.
 */
package dev.ior.cli.tui;
