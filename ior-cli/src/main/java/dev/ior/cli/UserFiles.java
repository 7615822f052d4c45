// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli;

import dev.ior.flamegraph.io.AtomicFile;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The files a user names on the command line, checked before any work starts and described in
 * the user's words when something fails: the path the user gave, then the problem ("no such
 * file", "permission denied", "no space left on device"), never a temporary name or a Java
 * exception's text alone.
 *
 * <pre>{@code
 * UserFiles.inputProblem(Path.of("run.ior")).ifPresent(p -> err.println("ior: -ior " + p));
 * UserFiles.outputProblem(Path.of("/nonexistent/o.svg"))
 *     .ifPresent(p -> err.println("ior: " + p)); // "cannot write /nonexistent/o.svg: ..."
 * }</pre>
 */
public final class UserFiles {
  private UserFiles() {}

  /** Why {@code file} cannot be read as an input, or empty when it can. */
  public static Optional<String> inputProblem(Path file) {
    if (!Files.exists(file)) {
      return Optional.of(file + ": no such file");
    }
    if (Files.isDirectory(file)) {
      return Optional.of(file + ": is a directory, not a file");
    }
    if (!Files.isReadable(file)) {
      return Optional.of(file + ": permission denied");
    }
    return Optional.empty();
  }

  /**
   * Why {@code file} could not be created (or replaced) at the end of a run, or empty when it
   * can: its directory must exist and take a new file (tried with a probe file that is removed
   * at once), and the name must not be a directory.
   */
  public static Optional<String> outputProblem(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    Path dir = abs.getParent();
    String cannot = "cannot write " + file + ": ";
    if (file.getFileName() == null || file.toString().endsWith("/")) {
      return Optional.of(cannot + "it names a directory, not a file");
    }
    if (dir == null || !Files.exists(dir)) {
      return Optional.of(cannot + "directory " + (dir == null ? "/" : dir) + " does not exist");
    }
    if (!Files.isDirectory(dir)) {
      return Optional.of(cannot + dir + " is not a directory");
    }
    if (Files.isDirectory(abs)) {
      return Optional.of(cannot + "it is a directory");
    }
    try {
      AtomicFile.checkPlanted(file);
    } catch (IOException e) {
      return Optional.of("cannot write " + e.getMessage());
    }
    Path probe = dir.resolve(".ior-probe-" + ProcessHandle.current().pid() + "-"
        + System.nanoTime());
    try {
      Files.createFile(probe);
      Files.delete(probe);
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of(cannot + reason(e) + " (in " + dir + ")");
    }
  }

  /**
   * {@code file} and what went wrong, for an exception from reading or writing it; {@code file}
   * is the name the user gave, so that temporary names never show.
   */
  public static String describe(Path file, IOException e) {
    String m = e.getMessage();
    if (!(e instanceof FileSystemException) && m != null && m.startsWith(file + ": ")) {
      return m; // a writer's error that names the file already (AtomicFile)
    }
    return file + ": " + reason(e);
  }

  /**
   * An exception from a reader or writer as one line: a file-system error as its file and the
   * reason; otherwise the message, which this project's readers start with the file's name.
   */
  public static String message(IOException e) {
    if (e instanceof FileSystemException f && f.getFile() != null) {
      return f.getFile() + ": " + reason(e);
    }
    return e.getMessage() == null || e.getMessage().isBlank() ? reason(e) : e.getMessage();
  }

  /**
   * What went wrong, in words: the operating system's reason for file-system errors ("no space
   * left on device"), else the exception's message, else its kind.
   */
  public static String reason(Throwable e) {
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NotDirectoryException) {
      return "not a directory";
    }
    if (e instanceof FileAlreadyExistsException) {
      return "already exists";
    }
    String text = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
    if (text == null || text.isBlank()) {
      text = e.getCause() != null && e.getCause() != e ? reason(e.getCause())
          : e.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2")
              .toLowerCase(Locale.ROOT);
    }
    return lowerFirst(text);
  }

  private static String lowerFirst(String s) {
    return s.length() > 1 && Character.isUpperCase(s.charAt(0))
        && Character.isLowerCase(s.charAt(1))
        ? Character.toLowerCase(s.charAt(0)) + s.substring(1) : s;
  }
}
