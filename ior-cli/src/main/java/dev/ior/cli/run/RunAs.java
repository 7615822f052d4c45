// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The user a traced command runs as: under {@code sudo} the invoking user ({@code SUDO_UID},
 * {@code SUDO_GID}), or the one {@code -user NAME} names; with its supplementary groups and home.
 * Accounts are looked up with {@code getent passwd}, so NSS users (LDAP, sssd) work too.
 *
 * <pre>{@code
 * RunAs as = RunAs.choose(null, System.getenv(), 0); // sudo's invoking user, or null
 * }</pre>
 *
 * @param name login name; null for a uid without an account (no supplementary groups then)
 * @param uid user id
 * @param gid primary group id
 * @param home home directory
 */
public record RunAs(String name, int uid, int gid, String home) {

  /**
   * Who the command runs as: {@code user} when given (a name or a uid), else sudo's invoking
   * user; null means "as ior itself" (no sudo, or sudo from root).
   *
   * @param euid ior's effective uid; switching users needs root
   * @throws IllegalArgumentException with a one-line reason (no such user, not root)
   */
  public static RunAs choose(String user, Map<String, String> env, int euid) {
    if (user != null) {
      if (euid != 0) {
        throw new IllegalArgumentException("-user " + user + ": running a command as another"
            + " user needs root (run ior with sudo)");
      }
      return lookup(user, null);
    }
    String sudoUid = env.get("SUDO_UID");
    if (euid != 0 || sudoUid == null || sudoUid.equals("0") || !sudoUid.matches("\\d+")) {
      return null;
    }
    String gid = env.get("SUDO_GID");
    return lookup(sudoUid, gid != null && gid.matches("\\d+") ? Integer.valueOf(gid) : null);
  }

  /** The account {@code key} (name or uid); {@code gid} overrides its primary group. */
  static RunAs lookup(String key, Integer gid) {
    String entry = getent(key);
    if (entry == null) {
      if (key.matches("\\d+")) { // a uid without a passwd entry: still a valid uid
        int uid = Integer.parseInt(key);
        return new RunAs(null, uid, gid != null ? gid : uid, "/");
      }
      throw new IllegalArgumentException("-user " + key + ": no such user");
    }
    String[] f = entry.split(":", -1); // name:x:uid:gid:gecos:home:shell
    return new RunAs(f[0], Integer.parseInt(f[2]), gid != null ? gid : Integer.parseInt(f[3]),
        f[5]);
  }

  private static String getent(String key) {
    try {
      Process p = new ProcessBuilder("getent", "passwd", key).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0 || out.isEmpty()) {
        return null;
      }
      return out.lines().findFirst().orElse(null);
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** What {@code setpriv} needs to become this user, supplementary groups included. */
  List<String> setprivArgs() {
    return List.of("setpriv", "--reuid=" + uid, "--regid=" + gid,
        name != null ? "--init-groups" : "--clear-groups", "--");
  }

  /** The environment changes a login as this user makes: HOME, USER, LOGNAME. */
  void applyTo(Map<String, String> env) {
    env.put("HOME", home);
    if (name != null) {
      env.put("USER", name);
      env.put("LOGNAME", name);
    }
  }

  /** How messages name this user: the name, else the uid. */
  @Override
  public String toString() {
    return name != null ? name : "uid " + uid;
  }
}
