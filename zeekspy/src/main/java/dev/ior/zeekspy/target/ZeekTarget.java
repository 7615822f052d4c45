// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.target;

import dev.ior.zeekspy.layout.ZeekLayout;

/**
 * A Zeek process resolved for sampling: its executable, where it is loaded, its version, the
 * layout chosen for it and the run-time addresses of the two stacks.
 *
 * <pre>{@code
 * ZeekTarget t = TargetResolver.resolve(1234, LayoutCatalog.builtIn(), null,
 *     DebugFiles.DEFAULT_ROOT, memory);
 * System.out.printf("%s %s at 0x%x%n", t.version(), t.layout().name(), t.callStackAddress());
 * }</pre>
 *
 * @param pid process id
 * @param executable the executable's path as {@code /proc/PID/exe} names it
 * @param architecture e.g. {@code x86_64}
 * @param loadBias what the dynamic loader added to link-time addresses (0 for non-PIE)
 * @param version the Zeek version string read from the process, e.g. {@code 3.0.1}
 * @param layout the layout used to read the stacks
 * @param layoutNote where the layout comes from when not simply built in: derived from DWARF (and
 *     which file), a layout file, or why DWARF could not be used and a built-in layout was
 * @param callStackSymbol the linker name found for {@code call_stack}
 * @param callStackAddress run-time address of the {@code call_stack} vector
 * @param frameStackSymbol the linker name found for {@code g_frame_stack}
 * @param frameStackAddress run-time address of the {@code g_frame_stack} vector
 */
public record ZeekTarget(
    long pid,
    String executable,
    String architecture,
    long loadBias,
    String version,
    ZeekLayout layout,
    String layoutNote,
    String callStackSymbol,
    long callStackAddress,
    String frameStackSymbol,
    long frameStackAddress) {

  /** {@return a multi-line description for {@code -debug} output} */
  public String describe() {
    return String.format(java.util.Locale.ROOT,
        "pid %d: %s (%s), load bias 0x%x%nZeek %s, layout %s%s%n"
            + "%s at 0x%x, %s at 0x%x",
        pid, executable, architecture, loadBias, version, layout.name(),
        layoutNote.isEmpty() ? "" : " (" + layoutNote + ")",
        callStackSymbol, callStackAddress, frameStackSymbol, frameStackAddress);
  }
}
