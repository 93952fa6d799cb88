package dev.toolgate.workers.flowchat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * One-page PDFs of text lines with PDFBox's standard fonts (no font files to ship). A line starting
 * with "# " is a title, "## " a bold line; the rest is plain. Characters the standard fonts cannot
 * encode (WinAnsi) are replaced, so a customer's name never breaks a document.
 */
final class PdfWriter {
  private PdfWriter() {}

  static byte[] render(String title, List<String> lines) {
    try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      doc.getDocumentInformation().setTitle(title);
      doc.getDocumentInformation().setProducer("Toolgate FlowChat reference document worker");
      PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
      PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      PDPageContentStream cs = new PDPageContentStream(doc, page);
      float y = page.getMediaBox().getHeight() - 60;
      for (String line : lines) {
        if (y < 60) {
          cs.close();
          page = new PDPage(PDRectangle.A4);
          doc.addPage(page);
          cs = new PDPageContentStream(doc, page);
          y = page.getMediaBox().getHeight() - 60;
        }
        PDType1Font font = line.startsWith("#") ? bold : regular;
        float size = line.startsWith("# ") ? 18 : 11;
        String text = line.replaceFirst("^#+ ", "");
        cs.beginText();
        cs.setFont(font, size);
        cs.newLineAtOffset(50, y);
        cs.showText(winAnsi(font, text));
        cs.endText();
        y -= size + 7;
      }
      cs.close();
      doc.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render PDF \"" + title + "\": " + e.getMessage(), e);
    }
  }

  private static String winAnsi(PDType1Font font, String text) {
    StringBuilder sb = new StringBuilder();
    text.codePoints().forEach(cp -> {
      String ch = new String(Character.toChars(cp));
      try {
        font.encode(ch);
        sb.append(ch);
      } catch (IOException | IllegalArgumentException e) {
        sb.append('?');
      }
    });
    return sb.toString();
  }
}
