// SPDX-License-Identifier: Apache-2.0
import java.io.FileOutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/**
 * The Java workload of the stack tests: three methods with one kind of I/O each, called often
 * enough to be JIT-compiled. Usage: java IoWork DIR SECONDS. Prints "ready" and waits for a line
 * on stdin before it starts, so that the tracer is attached.
 */
public class IoWork {
  private final FileOutputStream log;
  private final RandomAccessFile index;
  private final byte[] line = new byte[64];
  private final byte[] entry = new byte[16];

  IoWork(Path dir) throws Exception {
    log = new FileOutputStream(dir.resolve("work.log").toFile());
    index = new RandomAccessFile(dir.resolve("work.idx").toFile(), "rw");
    index.write(new byte[4096]);
  }

  void appendLog() throws Exception {
    log.write(line);
  }

  void syncLog() throws Exception {
    log.getChannel().force(false);
  }

  int readIndex(long at) throws Exception {
    index.seek(at);
    return index.read(entry);
  }

  public static void main(String[] args) throws Exception {
    IoWork w = new IoWork(Path.of(args[0]));
    long end = Long.parseLong(args[1]) * 1_000_000_000L;
    System.out.println("ready");
    System.out.flush();
    System.in.read();
    long start = System.nanoTime();
    long sum = 0;
    for (int i = 0; System.nanoTime() - start < end; i++) {
      w.appendLog();
      sum += w.readIndex((i * 16) & 4095);
      if ((i & 15) == 0) {
        w.syncLog();
      }
    }
    System.out.println("done " + sum);
  }
}
