// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Skips a test with a printed reason when a capability or tool is missing, or fails it instead
 * when CI demands the capability ({@code IOR_REQUIRE_BPF=1} for ptrace / process_vm_readv
 * permission, {@code IOR_REQUIRE_TOOLS=1} for g++ and go).
 */
public final class Gate {
  private Gate() {}

  /** Skip (or fail under IOR_REQUIRE_BPF=1) because tracing permission is missing. */
  public static void privilegeMissing(String why) {
    missing("IOR_REQUIRE_BPF", why);
  }

  /** Skip (or fail under IOR_REQUIRE_TOOLS=1) because an external tool is missing. */
  public static void toolMissing(String why) {
    missing("IOR_REQUIRE_TOOLS", why);
  }

  private static void missing(String env, String why) {
    if ("1".equals(System.getenv(env))) {
      Assertions.fail(why + " (required because " + env + "=1)");
    }
    System.out.println("SKIPPED: " + why + " (set " + env + "=1 to make this a failure)");
    Assumptions.abort(why);
  }
}
