// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.trace;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest (Implementation-Version), "dev" when run from classes. */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = VersionProvider.class.getPackage().getImplementationVersion();
    return new String[] {"ior " + (v == null ? "dev" : v) + " (Java " + Runtime.version() + ")"};
  }
}
