// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a file completely or not at all: the content goes to a temporary file in the target's
 * directory ({@code .NAME.PID.N.tmp}), which is flushed to disk (fsync) and then renamed over
 * the target, so a reader, a crash or a second Ctrl+C never sees half a file under the real
 * name. The temporary file is created like any new file (mode 0666 less the umask, not {@link
 * Files#createTempFile}'s 0600, which the rename would keep) and is removed on every error and
 * when the JVM exits (a signal) before it was committed.
 * Errors name the target, never the temporary name: {@code out/io.svg: permission denied}.
 *
 * <p>Safe in directories other users can write to ({@code /tmp}), without relying on the
 * kernel's {@code fs.protected_symlinks}/{@code protected_regular}: the temporary name is
 * created with {@code O_CREAT|O_EXCL}, which never follows a symlink, and a target that exists
 * in a sticky world- or group-writable directory and belongs to another user than ours or the
 * directory's owner (a symlink or file planted there to redirect root's output) is refused with
 * one line, before anything is written and again before the rename. {@link #openInPlace} opens
 * a file that is written as it goes (the event stream of {@code -o}) under the same rule, and
 * with {@code O_NOFOLLOW} when the name was not a symlink of ours.
 *
 * <pre>{@code
 * SvgStats s = AtomicFile.write(Path.of("io.svg"), out -> SvgRenderer.render(tree, options, out));
 *
 * try (AtomicFile.Output rec = AtomicFile.open(Path.of("trace.iorrec"))) { // streaming form
 *   rec.stream().write(bytes);
 *   rec.commit(); // without commit, close() removes the temporary file
 * }
 * }</pre>
 */
public final class AtomicFile {
  private static final AtomicLong SEQUENCE = new AtomicLong();

  private AtomicFile() {}

  /** Writes one file's content; the stream is buffered and must not be closed by the body. */
  @FunctionalInterface
  public interface Body<T> {
    /**
     * Writes the content to {@code out} and returns what the caller wants to know about it.
     *
     * @param out the temporary file's stream, buffered
     * @return what the caller wants to know about the content (e.g. a byte count), or null
     * @throws IOException when writing fails
     */
    T write(OutputStream out) throws IOException;
  }

  /**
   * Writes {@code target} through {@code body} and returns what the body returned.
   *
   * @param <T> what the body returns
   * @param target the file to write
   * @param body writes the content
   * @return what the body returned
   * @throws IOException naming {@code target} when creating, writing, syncing or renaming
   *     fails; the target is then unchanged and no temporary file is left
   */
  public static <T> T write(Path target, Body<T> body) throws IOException {
    try (Output out = open(target)) {
      T result = body.write(out.stream());
      out.commit();
      return result;
    }
  }

  /**
   * Starts writing {@code target}: the file appears under its name only on {@link
   * Output#commit()}; {@link Output#close()} without a commit discards it.
   *
   * @param target the file to write
   * @return the output; commit it, and close it in any case
   * @throws IOException naming {@code target} when the temporary file cannot be created
   */
  public static Output open(Path target) throws IOException {
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    checkPlanted(target, abs);
    String prefix = "." + abs.getFileName() + "." + ProcessHandle.current().pid() + ".";
    while (true) {
      Path temp = dir.resolve(prefix + SEQUENCE.incrementAndGet() + ".tmp");
      try {
        // CREATE_NEW: never follows or reuses a file someone else put there.
        FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE,
            StandardOpenOption.CREATE_NEW);
        // A signal before the owner commits or discards (Ctrl+C while a trace attaches): the JDK
        // deletes this name after every shutdown hook has run, so an owner that finishes the
        // file in a hook (a trace's Ctrl+C) has moved it away by then. Costs one path string per
        // file a process writes; only SIGKILL or a crash can leave the name behind.
        temp.toFile().deleteOnExit();
        return new Output(target, abs, temp, ch);
      } catch (FileAlreadyExistsException e) {
        // a leftover of a process with our pid: take the next number
      } catch (IOException e) {
        throw named(target, temp, e);
      }
    }
  }

  /** A file being written; see {@link AtomicFile#open}. Not thread-safe. */
  public static final class Output implements AutoCloseable {
    private final Path target;
    private final Path abs;
    private final Path temp;
    private final FileChannel channel;
    private final OutputStream stream;
    private boolean done;

    private Output(Path target, Path abs, Path temp, FileChannel channel) {
      this.target = target;
      this.abs = abs;
      this.temp = temp;
      this.channel = channel;
      this.stream = new BufferedOutputStream(new TargetStream(Channels.newOutputStream(channel)),
          1 << 16);
    }

    /**
     * {@return where to write the content; buffered} Write errors name the target. Closing it does
     * nothing: {@link #commit()} and {@link #close()} end the file.
     */
    public OutputStream stream() {
      return stream;
    }

    /**
     * Flushes, syncs and renames the file into place.
     *
     * @throws IOException naming the target; the temporary file is removed then
     */
    public void commit() throws IOException {
      if (done) {
        throw new IllegalStateException(target + " is already finished");
      }
      done = true;
      try {
        stream.flush();
        channel.force(true);
        channel.close();
        checkPlanted(target, abs); // planted while we wrote
        Files.move(temp, abs, StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        discard();
        throw named(target, temp, e);
      }
      syncDirectory(abs.getParent());
    }

    /**
     * Moves what already reached the disk into place without writing the rest (what is still
     * buffered is dropped): for a file whose own format tells a reader where it was cut (a
     * recording whose last gzip member is incomplete), after a write failed.
     *
     * @throws IOException naming the target when even the move fails (the temp is removed then)
     */
    public void keepWritten() throws IOException {
      if (done) {
        throw new IllegalStateException(target + " is already finished");
      }
      done = true;
      try {
        channel.close();
        Files.move(temp, abs, StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        discard();
        throw named(target, temp, e);
      }
    }

    /** Discards the file unless it was committed; the target is left as it was. */
    @Override
    public void close() throws IOException {
      if (!done) {
        done = true;
        discard();
      }
    }

    private void discard() throws IOException {
      try {
        channel.close();
      } finally {
        Files.deleteIfExists(temp);
      }
    }

    /** The file's stream: write errors name the target; closing is left to the Output. */
    private final class TargetStream extends OutputStream {
      private final OutputStream out;

      TargetStream(OutputStream out) {
        this.out = out;
      }

      @Override
      public void write(int b) throws IOException {
        try {
          out.write(b);
        } catch (IOException e) {
          throw named(target, temp, e);
        }
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        try {
          out.write(b, off, len);
        } catch (IOException e) {
          throw named(target, temp, e);
        }
      }

      @Override
      public void close() {
        // commit() and close() of the Output end the file
      }
    }
  }

  /**
   * Opens {@code target} to be written as it goes (created 0666 less the umask, or truncated):
   * not atomic, for streams that readers follow live. A symlink is followed only when it is
   * ours or the directory owner's ({@code -o /dev/stdout} works); an existing name of another
   * user in a sticky shared directory is refused, and a name that was not a symlink is opened
   * with {@code O_NOFOLLOW}, so one planted after the check fails the open instead of being
   * followed.
   *
   * @param target the file to write
   * @return the stream; the caller closes it
   * @throws IOException naming {@code target}
   */
  public static OutputStream openInPlace(Path target) throws IOException {
    Path abs = target.toAbsolutePath();
    boolean link = checkPlanted(target, abs);
    try {
      return link
          ? Files.newOutputStream(abs)
          : Files.newOutputStream(abs, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS);
    } catch (FileSystemException e) {
      if (e.getReason() != null && e.getReason().contains("symbolic links")) {
        throw new TargetException(target + ": a symlink appeared under this name while it was"
            + " being opened; not followed", e);
      }
      throw named(target, abs, e);
    }
  }

  /**
   * Refuses a name that another user may have planted: in a sticky directory that others can
   * write to, an existing entry owned by neither this process's user nor the directory's owner
   * (the kernel's protected_symlinks/protected_regular rule, applied whatever the sysctls say).
   *
   * @param target the name to check
   * @return whether the name is a symlink (one that may be followed)
   * @throws IOException when the name is refused or cannot be checked
   */
  public static boolean checkPlanted(Path target) throws IOException {
    return checkPlanted(target, target.toAbsolutePath());
  }

  private static boolean checkPlanted(Path target, Path abs) throws IOException {
    Path dir = abs.getParent();
    Map<String, Object> entry;
    try {
      entry = Files.readAttributes(abs, "unix:uid,mode", LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return false;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return false; // not a Unix file system: nothing to compare
    }
    int mode = (Integer) entry.get("mode");
    boolean link = (mode & 0170000) == 0120000;
    Map<String, Object> d = Files.readAttributes(dir, "unix:uid,mode");
    int dirMode = (Integer) d.get("mode");
    boolean shared = (dirMode & 01000) != 0 && (dirMode & 0022) != 0;
    int owner = (Integer) entry.get("uid");
    if (!shared || owner == (Integer) d.get("uid") || owner == ownUid()) {
      return link;
    }
    String what = link ? "a symlink" : (mode & 0170000) == 0100000 ? "a file" : "an entry";
    throw new TargetException(target + ": refusing to write through " + what + " of uid "
        + owner + " in the shared directory " + dir + " (another user may have planted it;"
        + " remove it or choose another name)", null);
  }

  /** This process's effective uid (the owner of /proc/self), -1 when unknown. */
  private static int ownUid() {
    try {
      return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return -1;
    }
  }

  /** The rename is durable only once the directory is synced; not every file system can. */
  private static void syncDirectory(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // best effort: the file itself is synced
    }
  }

  /** {@code e} retold about {@code target}: users never chose the temporary name. */
  static IOException named(Path target, Path temp, IOException e) {
    if (e instanceof TargetException) {
      return e;
    }
    String reason;
    if (e instanceof AccessDeniedException) {
      reason = "permission denied";
    } else if (e instanceof NoSuchFileException) {
      reason = "no such directory";
    } else if (e instanceof DirectoryNotEmptyException) {
      reason = "is a directory";
    } else if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
      reason = lower(((FileSystemException) e).getReason());
    } else {
      reason = lower(String.valueOf(e.getMessage()).replace(temp.toString(), target.toString()));
    }
    return new TargetException(target + ": " + reason, e);
  }

  /** An error already retold about the target. */
  private static final class TargetException extends IOException {
    private static final long serialVersionUID = 1L;

    TargetException(String message, IOException cause) {
      super(message, cause);
    }
  }

  private static String lower(String reason) {
    return reason.isEmpty() ? reason : Character.toLowerCase(reason.charAt(0))
        + reason.substring(1);
  }
}
