package io.isacemu.results.plots;

import io.isacemu.core.validation.Check;
import java.awt.Rectangle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

/**
 * Writes charts as PNG (JFreeChart's encoder) and SVG (JFreeSVG), headless: loading this class sets
 * {@code java.awt.headless=true} unless the property is already set.
 */
public final class ChartFiles {

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private ChartFiles() {}

  /** The PNG bytes of {@code chart} at {@code width × height} pixels. */
  public static byte[] png(JFreeChart chart, int width, int height) throws IOException {
    Check.positive("width", width);
    Check.positive("height", height);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ChartUtils.writeChartAsPNG(out, chart, width, height);
    return out.toByteArray();
  }

  /**
   * The SVG document of {@code chart} at {@code width × height} px. The defs-key prefix is fixed
   * ({@code isac}) so the same chart gives the same text.
   */
  public static String svg(JFreeChart chart, int width, int height) {
    Check.positive("width", width);
    Check.positive("height", height);
    SVGGraphics2D g2 = new SVGGraphics2D(width, height);
    g2.setDefsKeyPrefix("isac");
    chart.draw(g2, new Rectangle(0, 0, width, height));
    return g2.getSVGDocument();
  }

  /** Writes {@code <dir>/<name>.png} and {@code <dir>/<name>.svg}; returns the PNG's path. */
  public static Path write(JFreeChart chart, Path dir, String name, int width, int height) throws IOException {
    Path pngFile = dir.resolve(name + ".png");
    Files.write(pngFile, png(chart, width, height));
    Files.writeString(dir.resolve(name + ".svg"), svg(chart, width, height), StandardCharsets.UTF_8);
    return pngFile;
  }
}
