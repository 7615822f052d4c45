// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.cgroup;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the container, pod, service or session in a cgroup v2 path, from the path alone (no
 * daemon, no API). Knows the layouts of the systemd and cgroupfs drivers:
 *
 * <ul>
 *   <li>Docker: {@code /system.slice/docker-<id>.scope}, {@code /docker/<id>}
 *   <li>Podman: {@code /machine.slice/libpod-<id>.scope}, {@code /libpod_parent/libpod-<id>},
 *       its monitor {@code libpod-conmon-<id>.scope}
 *   <li>containerd and CRI-O: {@code cri-containerd-<id>.scope}, {@code crio-<id>.scope}
 *       ({@code crio-conmon-<id>.scope} is the monitor)
 *   <li>Kubernetes: {@code /kubepods.slice/kubepods-burstable.slice/}
 *       {@code kubepods-burstable-pod<uid>.slice/<runtime>-<id>.scope} (systemd),
 *       {@code /kubepods/besteffort/pod<uid>/<id>} (cgroupfs)
 *   <li>LXC ({@code lxc.payload.<name>}, {@code /lxc/<name>}), systemd-nspawn and other
 *       machined guests ({@code machine-<name>.scope}, {@code systemd-nspawn@<name>.service})
 *   <li>systemd services ({@code nginx.service}, per-user ones under {@code user@1000.service})
 *       and login sessions ({@code /user.slice/user-1000.slice/session-3.scope})
 * </ul>
 *
 * A container at any depth wins over a systemd unit (a service inside a container belongs to
 * the container); among several containers the deepest one wins (nesting), and so among units.
 *
 * <pre>{@code
 * ContainerParser.parse("/kubepods/burstable/pod5d2f.../0123...ef"); // k8s: pod and id
 * ContainerParser.parse("/user.slice");                            // null: nothing to say
 * }</pre>
 */
public final class ContainerParser {
  private static final String HEX = "([0-9a-f]{64})";
  private static final Pattern ENGINE_SCOPE = Pattern.compile(
      "(docker|libpod-conmon|libpod|cri-containerd|crio-conmon|crio|nerdctl)-" + HEX
          + "(?:\\.scope)?");
  private static final Pattern BARE_ID = Pattern.compile(HEX);
  private static final Pattern POD = Pattern.compile(
      "(?:[a-z]+(?:-[a-z]+)*-)?pod([0-9a-f]{8}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{4}"
          + "[-_][0-9a-f]{12})(?:\\.slice)?");
  private static final Pattern MACHINE = Pattern.compile(
      "(?:machine-(.+)\\.scope|systemd-nspawn@(.+)\\.service)");
  private static final Pattern USER_SLICE = Pattern.compile("user-(\\d+)\\.slice");
  private static final Pattern USER_MANAGER = Pattern.compile("user@(\\d+)\\.service");

  private ContainerParser() {}

  /**
   * {@return the container, pod, service or session that {@code path} (as {@code /proc/PID/cgroup}
   * shows it, e.g. {@code /system.slice/nginx.service}) belongs to; null when the path names none
   * (the caller shows the path itself)}
   *
   * @param path a cgroup v2 path
   */
  public static Container parse(String path) {
    String[] parts = path.split("/");
    Container container = null;
    Container unit = null;
    String pod = "";
    String user = "";
    boolean kube = false;
    String parent = "";
    for (String part : parts) {
      if (part.isEmpty()) {
        continue;
      }
      kube |= part.contains("kubepods");
      Matcher m;
      Container found = null;
      if (kube && (m = POD.matcher(part)).matches()) {
        pod = m.group(1).replace('_', '-');
        found = new Container("k8s", "", pod, "", "");
      } else if ((m = ENGINE_SCOPE.matcher(part)).matches()) {
        found = engineContainer(m.group(1), m.group(2), kube, pod);
      } else if (BARE_ID.matcher(part).matches()) {
        found = kube ? new Container("k8s", part, pod, "", "")
            : new Container(parent.equals("docker") ? "docker" : "container", part, "", "", "");
      } else if (part.startsWith("lxc.payload.") || parent.equals("lxc")) {
        found = new Container("lxc", part.replaceFirst("^lxc\\.payload\\.", ""), "", "", "");
      } else if ((m = MACHINE.matcher(part)).matches()) {
        String name = m.group(1) != null ? m.group(1) : m.group(2);
        found = new Container("machine", unescape(name), "", "", "");
      } else if ((m = USER_SLICE.matcher(part)).matches()) {
        user = "user-" + m.group(1);
      } else if (part.endsWith(".service")) {
        Matcher manager = USER_MANAGER.matcher(part);
        unit = new Container("service", unescape(part), "", "",
            manager.matches() ? "" : user);
        if (manager.matches()) {
          user = "user-" + manager.group(1);
        }
      } else if (part.startsWith("session-") && part.endsWith(".scope")) {
        unit = new Container("session", part, "", "", user);
      }
      if (found != null) {
        container = found;
      }
      parent = part;
    }
    return container != null ? container : unit;
  }

  private static Container engineContainer(String prefix, String id, boolean kube, String pod) {
    String engine;
    switch (prefix) {
      case "libpod-conmon":
      case "crio-conmon":
        return new Container("conmon", id, pod, "", "");
      case "libpod":
        engine = "podman";
        break;
      case "cri-containerd":
      case "nerdctl":
        engine = "containerd";
        break;
      default:
        engine = prefix; // docker, crio
        break;
    }
    return kube ? new Container("k8s", id, pod, engine, "") : new Container(engine, id, "", "", "");
  }

  /** systemd escapes unit names: {@code \x2d} is a dash. */
  private static String unescape(String name) {
    if (name.indexOf('\\') < 0) {
      return name;
    }
    StringBuilder b = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '\\' && i + 3 < name.length() && name.charAt(i + 1) == 'x') {
        try {
          b.append((char) Integer.parseInt(name.substring(i + 2, i + 4), 16));
          i += 3;
          continue;
        } catch (NumberFormatException e) {
          // not an escape: keep the backslash
        }
      }
      b.append(c);
    }
    return b.toString();
  }
}
