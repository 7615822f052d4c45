// SPDX-License-Identifier: Apache-2.0
package dev.ior.flamegraph.svg;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Parses a rendered SVG with the JDK's XML parser (so it must be well-formed) for assertions. */
final class SvgDom {
  final Document doc;

  /** One drawn frame: tooltip, rectangle geometry and label. */
  record FrameBox(String title, double x, double y, double width, String fill, String label) {
    String name() {
      return title.substring(0, title.lastIndexOf(" ("));
    }

    /** The value in the tooltip, "(1,234 samples, ...". */
    long value() {
      String rest = title.substring(title.lastIndexOf(" (") + 2);
      return Long.parseLong(rest.substring(0, rest.indexOf(' ')).replace(",", ""));
    }
  }

  SvgDom(String svg) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    doc = f.newDocumentBuilder().parse(
        new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  Element byId(String id) {
    return find(doc.getDocumentElement(), id);
  }

  private static Element find(Element e, String id) {
    if (id.equals(e.getAttribute("id"))) {
      return e;
    }
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element) {
        Element hit = find((Element) n, id);
        if (hit != null) {
          return hit;
        }
      }
    }
    return null;
  }

  List<FrameBox> frames() {
    List<FrameBox> out = new ArrayList<>();
    for (Node n = byId("frames").getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element) {
        Element g = (Element) n;
        Element rect = (Element) g.getElementsByTagName("rect").item(0);
        Node text = g.getElementsByTagName("text").item(0);
        out.add(new FrameBox(g.getElementsByTagName("title").item(0).getTextContent(),
            Double.parseDouble(rect.getAttribute("x")), Double.parseDouble(rect.getAttribute("y")),
            Double.parseDouble(rect.getAttribute("width")), rect.getAttribute("fill"),
            text == null ? "" : text.getTextContent()));
      }
    }
    return out;
  }
}
