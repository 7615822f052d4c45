// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.cli.testing.IorRun;
import dev.ior.cli.testing.IorRun.Result;
import org.junit.jupiter.api.Test;

/** Usage errors are one clear line and exit 2, never a stack trace; help explains. */
class IorCommandTest {

  @Test
  void helpExplainsEveryFlagWithExamples() {
    Result r = IorRun.run("--help");
    assertEquals(0, r.code());
    for (String flag : new String[] {"-pid", "-tid", "-comm", "-path", "-duration", "-tps",
        "-tpsExclude", "-mapSize", "-plain", "-format", "-follow", "-cgroup", "-container",
        "-user", "-o", "COMMAND"}) {
      assertTrue(r.out().contains(flag), flag + " in help");
    }
    assertTrue(r.out().contains("Examples:"));
  }

  @Test
  void versionComesFromTheBuild() {
    Result r = IorRun.run("--version");
    assertEquals(0, r.code());
    assertTrue(r.out().startsWith("ior "), r.out());
  }

  @Test
  void badValuesAreOneLineErrors() {
    assertUsageError(IorRun.run("-mapSize", "lots"), "'lots' is not a size");
    assertUsageError(IorRun.run("-mapSize", "3000"), "power of two");
    assertUsageError(IorRun.run("-format", "xml"), "unknown -format 'xml'");
    assertUsageError(IorRun.run("-comm", "a-very-long-command-name"), "longer than 15 bytes");
    assertUsageError(IorRun.run("-duration", "-5"), "-duration must be >= 0");
    assertUsageError(IorRun.run("-pid", "abc"), "'abc' is not an int");
    assertUsageError(IorRun.run("-nosuchflag"), "Unknown option");
  }

  @Test
  void commandFollowAndCgroupFlagsThatCannotWorkAreOneLineErrors() {
    assertUsageError(IorRun.run("-follow"), "-follow has no effect without -pid");
    assertUsageError(IorRun.run("-pid", "1", "-tid", "2", "-follow"), "-follow traces whole"
        + " processes and what they start; -tid traces one thread");
    assertUsageError(IorRun.run("-pid", "1", "--", "ls"), "-- COMMAND traces the command it"
        + " starts: leave out -pid and -tid");
    assertUsageError(IorRun.run("ls"), "unexpected argument 'ls': to trace a command, put it"
        + " after --: ior [options] -- COMMAND ARGS...");
    assertUsageError(IorRun.run("-user", "nobody"), "-user is for a command you start");
    assertUsageError(IorRun.run("-tui", "--", "top"), "-tui and -- COMMAND both need the"
        + " terminal");
    assertUsageError(IorRun.run("-o", "x.csv", "-flamegraph"), "-o sets where the stream goes;"
        + " -flamegraph writes files instead of the stream");
    assertUsageError(IorRun.run("-o", "x.csv", "-tui"), "-o sets where the stream goes; -tui");
    assertUsageError(IorRun.run("-replay", "x.iorrec", "-container", "abcd"), "-container"
        + " applies to a live trace; -replay reads a recording");
    assertUsageError(IorRun.run("-replay", "x.iorrec", "-cgroup", "/x"), "-cgroup applies to a"
        + " live trace");
    assertUsageError(IorRun.run("-replay", "x.iorrec", "--", "ls"), "-- COMMAND starts a"
        + " command to trace; -replay reads a recording");
    assertUsageError(IorRun.run("-ior", "x.ior", "-follow", "-pid", "1"), "-pid applies to a"
        + " trace; -ior converts a file");
  }

  @Test
  void invalidTracepointRegexIsAUserError() {
    Result r = IorRun.run("-tps", "read(");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("invalid tracepoint regex 'read('"), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
  }

  @Test
  void selectionMatchingNothingIsAUserError() {
    Result r = IorRun.run("-tps", "no_such_syscall_xyz");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("no syscall matches the selection"), r.err());
  }

  private static void assertUsageError(Result r, String text) {
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains(text), "expected '" + text + "' in: " + r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    assertTrue(r.err().contains("ior --help"), r.err());
  }
}
