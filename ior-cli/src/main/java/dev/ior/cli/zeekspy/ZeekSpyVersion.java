// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.zeekspy;

import picocli.CommandLine.IVersionProvider;

/** zeekspy's version from the jar manifest (Implementation-Version); "dev" from classes. */
public final class ZeekSpyVersion implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = ZeekSpyVersion.class.getPackage().getImplementationVersion();
    return new String[] {
      "zeekspy " + (v == null ? "dev" : v) + " (Java " + Runtime.version() + ")"
    };
  }
}
