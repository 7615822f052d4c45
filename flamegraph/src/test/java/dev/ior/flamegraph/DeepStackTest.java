// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ior.flamegraph.collapsed.CollapsedReader;
import dev.ior.flamegraph.collapsed.CollapsedWriter;
import dev.ior.flamegraph.html.HtmlRenderer;
import dev.ior.flamegraph.html.HtmlStats;
import dev.ior.flamegraph.pprof.PprofReader;
import dev.ior.flamegraph.pprof.PprofWriter;
import dev.ior.flamegraph.profile.Frame;
import dev.ior.flamegraph.profile.SampleType;
import dev.ior.flamegraph.profile.StackProfile;
import dev.ior.flamegraph.svg.SvgOptions;
import dev.ior.flamegraph.svg.SvgRenderer;
import dev.ior.flamegraph.testing.DeepStacks;
import dev.ior.testing.SmallStack;
import dev.ior.flamegraph.tree.FrameTree;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * Stacks 10,000 frames deep (a path 10,000 directories deep, a runaway recursion) through every
 * writer and reader of the module, on a thread with a small stack (128 KiB; bin/ior runs with
 * 512 KiB): nothing may depend on the depth of the thread's stack.
 */
class DeepStackTest {
  static final int DEPTH = DeepStacks.DEPTH;

  static StackProfile deepProfile() {
    return StackProfile.builder(List.of(new SampleType("count", "count")))
        .add(DeepStacks.stack("openat"), Map.of(), 3)
        .add(DeepStacks.stack("read"), Map.of(), 5)
        .add(List.of(Frame.of("shallow")), Map.of(), 2)
        .build();
  }

  @Test
  void tenThousandFramesThroughEveryWriterAndReaderOnASmallThreadStack() throws Throwable {
    SmallStack.run(128 * 1024, () -> {
      StackProfile p = deepProfile();

      // collapsed: write, read back, same stacks
      ByteArrayOutputStream folded = new ByteArrayOutputStream();
      CollapsedWriter.write(p, 0, folded);
      StackProfile back = CollapsedReader.read(new ByteArrayInputStream(folded.toByteArray()),
          dev.ior.flamegraph.collapsed.CollapsedOptions.defaults()).profile();
      assertEquals(3, back.samples().size());
      assertEquals(DEPTH, back.samples().get(0).stack().size());
      assertEquals(10, back.total(0));

      // tree: depth, merging of narrow frames, diff
      FrameTree tree = FrameTree.of(p, 0);
      assertEquals(DEPTH, tree.maxDepth());
      assertEquals(2 + DEPTH + 1, tree.nodeCount());
      assertEquals(tree.nodeCount(), tree.mergeNarrow(2).nodeCount());
      assertEquals(DEPTH, FrameTree.diff(p, 0, back, 0, false).maxDepth());

      // SVG: well-formed, one box per frame
      ByteArrayOutputStream svg = new ByteArrayOutputStream();
      int frames = SvgRenderer.render(tree, SvgOptions.defaults(), svg).frames();
      assertEquals(tree.nodeCount(), frames);
      Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
          .parse(new ByteArrayInputStream(svg.toByteArray()));
      assertEquals(frames, doc.getElementsByTagName("title").getLength());

      // HTML
      HtmlStats h = HtmlRenderer.render(tree, SvgOptions.defaults(), new ByteArrayOutputStream());
      assertEquals(tree.nodeCount(), h.frames());

      // pprof: write, read back
      ByteArrayOutputStream pb = new ByteArrayOutputStream();
      PprofWriter.write(p, pb);
      StackProfile fromPprof = PprofReader.read(new ByteArrayInputStream(pb.toByteArray()));
      assertEquals(p.samples().get(1).stack(), fromPprof.samples().get(1).stack());
      assertTrue(fromPprof.samples().get(0).stack().size() == DEPTH);
      return null;
    });
  }
}
