// SPDX-License-Identifier: Apache-2.0
package dev.ior.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** The gate of tool tests: skip when a tool is missing, fail under IOR_REQUIRE_TOOLS=1. */
class ExternalToolTest {
  private static final String MISSING = "no-such-tool-ior-test-4711";

  @Test
  void missingToolSkipsOrFailsAsConfigured() {
    if ("1".equals(System.getenv("IOR_REQUIRE_TOOLS"))) {
      AssertionFailedError e = assertThrows(AssertionFailedError.class,
          () -> ExternalTool.require("a test", MISSING));
      assertTrue(e.getMessage().contains("IOR_REQUIRE_TOOLS=1"));
    } else {
      TestAbortedException e = assertThrows(TestAbortedException.class,
          () -> ExternalTool.require("a test", MISSING));
      assertTrue(e.getMessage().contains("skipped: " + MISSING + " not on PATH"));
    }
  }

  @Test
  void findsToolsOnPathAndRunsThem() throws Exception {
    assertEquals("sh", ExternalTool.require("a test", MISSING, "sh").getFileName().toString());
    ExternalTool.Run r =
        ExternalTool.run(10, List.of("sh", "-c", "echo out; echo err >&2; exit 3"));
    assertEquals(new ExternalTool.Run(3, "out\n", "err\n"), r);
  }
}
