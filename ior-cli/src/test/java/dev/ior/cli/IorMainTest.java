// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Which command lines load the BPF programs beside the parsing, and which build subcommands. */
class IorMainTest {
  @Test
  void aLiveTraceLoadsBesideTheParsing() {
    assertTrue(IorMain.traceArgs(new String[] {"-comm", "postgres", "-duration", "5"}));
    assertTrue(IorMain.preload(new String[] {"-comm", "postgres", "-duration", "5"}));
    assertTrue(IorMain.preload(new String[] {"-flamegraph", "-", "--", "make"}));
  }

  @Test
  void theDashboardAndAReplayDoNot() {
    assertTrue(IorMain.traceArgs(new String[] {"-tui", "-comm", "x"}));
    assertFalse(IorMain.preload(new String[] {"-tui", "-comm", "x"}));
    assertFalse(IorMain.preload(new String[] {"-comm", "x", "--tui"}));
    assertFalse(IorMain.preload(new String[] {"-replay", "t.iorrec", "-flamegraph", "f.svg"}));
    assertFalse(IorMain.preload(new String[] {"--replay", "t.iorrec"}));
  }

  @Test
  void subcommandsAndHelpNeitherLoadNorStayLean() {
    for (String[] args : new String[][] {{"serve"}, {"-comm", "x", "serve"}, {"--help"},
        {"-V"}, {"collapsed", "in.folded"}, {}}) {
      assertFalse(IorMain.traceArgs(args), String.join(" ", args));
      assertFalse(IorMain.preload(args), String.join(" ", args));
    }
  }

  @Test
  void theSubcommandNamesAreTheRegisteredOnes() {
    assertEquals(IorMain.commandLine().getSubcommands().keySet(),
        Set.copyOf(IorMain.SUBCOMMAND_NAMES));
  }

  @Test
  void aSubcommandsNameIsAnOptionsValueAfterTheOption() {
    CommandLine.ParseResult pr = IorMain.commandLine().parseArgs("-comm", "serve");
    assertEquals("serve", pr.matchedOptionValue("-comm", ""));
    assertFalse(pr.hasSubcommand());
    assertEquals("serve", IorMain.commandLine().parseArgs("serve", "-comm", "collapsed")
        .subcommand().commandSpec().name());
  }
}
