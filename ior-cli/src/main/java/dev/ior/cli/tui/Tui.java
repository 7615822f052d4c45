// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.DefaultTerminalFactory;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.ansi.UnixLikeTerminal.CtrlCBehaviour;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * The full-screen dashboard on the controlling terminal: runs the {@link Dashboard} on the
 * calling thread until the user quits or {@code running} turns false, redrawing about once a
 * second and on every key, and restores the terminal however it ends.
 *
 * <pre>{@code
 * LiveStats live = LiveStats.create();
 * ... start the trace with live as (part of) its sink ...
 * new Tui(new Dashboard(live, options, System::nanoTime)).run(() -> !session.isDone());
 * }</pre>
 */
public final class Tui {
  private static final long REDRAW_NS = 1_000_000_000L;

  private final Dashboard dash;
  private Terminal terminal;
  private Screen screen;

  /** A terminal front end for {@code dash}. */
  public Tui(Dashboard dash) {
    this.dash = dash;
  }

  /** Whether stdin and stdout are a terminal (else {@code -tui} falls back to plain tables). */
  public static boolean isTerminal() {
    return System.console() != null;
  }

  /**
   * Takes the terminal and draws the first screen now, before anything was traced (the trace
   * is still being attached); {@link #run} then carries on with the same screen. Idempotent.
   */
  public void open() throws IOException {
    if (screen != null) {
      return;
    }
    // TRAP: Ctrl+C arrives as a key and quits through the same path as q, so the terminal is
    // restored and the outputs written; a text terminal only, never lanterna's Swing window.
    try {
      terminal = TermiosTerminal.open(System.in, System.out, StandardCharsets.UTF_8,
          CtrlCBehaviour.TRAP);
    } catch (IOException e) { // no /dev/tty to set modes on directly: lanterna runs stty
      terminal = new DefaultTerminalFactory(System.out, System.in, StandardCharsets.UTF_8)
          .setForceTextTerminal(true)
          .setUnixTerminalCtrlCBehaviour(CtrlCBehaviour.TRAP)
          .createTerminal();
    }
    screen = new TerminalScreen(terminal);
    screen.startScreen();
    screen.setCursorPosition(null);
    dash.update();
    screen.clear();
    dash.drawStarting(new LanternaCanvas(screen.newTextGraphics(), screen.getTerminalSize()));
    screen.refresh(Screen.RefreshType.COMPLETE);
  }

  /** Gives the terminal back after {@link #open} when {@link #run} will not come (no trace). */
  public void close() {
    if (screen != null) {
      restore(screen, terminal);
      screen = null;
    }
  }

  /**
   * Runs until quit ({@code q}, Ctrl+C) or until {@code running} turns false.
   *
   * @return true when the user quit, false when {@code running} ended it
   */
  public boolean run(BooleanSupplier running) throws IOException {
    open();
    try {
      return loop(screen, running);
    } finally {
      close();
    }
  }

  /**
   * Leaves the alternate screen and restores the tty modes. On SIGTERM or SIGHUP lanterna's own
   * shutdown hook may have done so already (then stopScreen throws IllegalStateException), and
   * after a hang-up there is no terminal left to restore: neither may keep the outputs from
   * being written; neither may lanterna's close, which removes its hook and throws during
   * shutdown.
   */
  private static void restore(Screen screen, Terminal terminal) {
    try {
      screen.stopScreen();
    } catch (IOException | IllegalStateException e) {
      // restored by lanterna's shutdown hook, or the terminal is gone
    }
    try {
      terminal.close();
    } catch (IOException | IllegalStateException e) {
      // the terminal is gone, or the JVM is shutting down (close removes a shutdown hook)
    }
  }

  private boolean loop(Screen screen, BooleanSupplier running) throws IOException {
    long lastDraw = 0;
    boolean dirty = true;
    boolean resized = true;
    while (running.getAsBoolean()) {
      if (screen.doResizeIfNecessary() != null) {
        resized = true; // re-lay out at once, not at the next periodic redraw
        dirty = true;
      }
      KeyStroke k = screen.pollInput();
      if (k != null && !handle(k)) {
        return true;
      }
      // Redraw after every key too: a tab's next key (Enter on a row) acts on what it drew.
      dirty |= k != null;
      long now = System.nanoTime();
      if (dirty || now - lastDraw >= REDRAW_NS) {
        dash.update();
        draw(screen, resized);
        lastDraw = now;
        dirty = false;
        resized = false;
      }
      if (k == null) {
        sleepBriefly();
      }
    }
    return false;
  }

  /**
   * Passes a key on; false to quit. A terminal sends Esc as the prefix of Alt+key, so Esc typed
   * just before a letter arrives as Alt+letter: it is split back into the two keys.
   */
  private boolean handle(KeyStroke k) {
    if (k.getKeyType() == KeyType.Character && k.isAltDown() && !k.isCtrlDown()) {
      return dash.handle(new KeyStroke(KeyType.Escape))
          && dash.handle(new KeyStroke(k.getCharacter(), false, false));
    }
    return dash.handle(k);
  }

  private void draw(Screen screen, boolean resized) throws IOException {
    screen.clear();
    TerminalSize size = screen.getTerminalSize();
    dash.draw(new LanternaCanvas(screen.newTextGraphics(), size));
    // DELTA: only changed cells go out, so a refresh does not flicker.
    screen.refresh(resized ? Screen.RefreshType.COMPLETE : Screen.RefreshType.DELTA);
  }

  private static void sleepBriefly() {
    try {
      Thread.sleep(30);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
