// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library example in README.md compiles against the current API. */
class ReadmeExampleTest {
  private static final Pattern EXAMPLE =
      Pattern.compile("<!-- readme-example: (\\w+\\.java) -->\\s*```java\\n(.*?)```", Pattern.DOTALL);

  @Test
  void readmeExamplesCompile(@TempDir Path tmp) throws Exception {
    String root = System.getenv().getOrDefault("IOR_REPO_ROOT", "..");
    String readme = Files.readString(Paths.get(root, "README.md"));
    Matcher m = EXAMPLE.matcher(readme);
    int found = 0;
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    while (m.find()) {
      found++;
      Path src = tmp.resolve(m.group(1));
      Files.writeString(src, m.group(2));
      StringWriter out = new StringWriter();
      boolean ok = javac.getTask(out, null, null,
          List.of("-d", tmp.toString(), "-cp", System.getProperty("java.class.path")), null,
          javac.getStandardFileManager(null, null, null).getJavaFileObjects(src)).call();
      assertTrue(ok, m.group(1) + " does not compile:\n" + out);
    }
    assertEquals(1, found, "README example blocks found");
  }
}
