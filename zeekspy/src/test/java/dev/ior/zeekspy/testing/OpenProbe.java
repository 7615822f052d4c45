// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.testing;

import dev.ior.zeekspy.ZeekSpy;
import dev.ior.zeekspy.ZeekSpyConfig;
import dev.ior.zeekspy.ZeekSpyException;

/**
 * Opens a ZeekSpy on the pid given as argument and prints {@code OK} or {@code REASON: message};
 * run as an unprivileged user by {@code ErrorReportingTest} to see the permission error.
 */
public final class OpenProbe {
  private OpenProbe() {}

  public static void main(String[] args) {
    try (ZeekSpy spy = ZeekSpy.open(ZeekSpyConfig.of(Long.parseLong(args[0])))) {
      System.out.println("OK " + spy.target().version());
    } catch (ZeekSpyException e) {
      System.out.println(e.reason() + ": " + e.getMessage());
    }
  }
}
