package io.isacemu.results.plots;

import static org.assertj.core.api.Assertions.assertThat;

import io.isacemu.results.stats.StudentT;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {

  static TradeoffData tradeoff() {
    XyPoint t = new XyPoint("T", 0.2, 0.71);
    XyPoint vat = new XyPoint("V+A+T", 1.4, 0.80);
    return new TradeoffData("Acc-2 vs energy", "energy per sample (J)", "Acc-2 (non-zero)",
        List.of(new XyPoint("V", 1.1, 0.55), new XyPoint("A", 0.3, 0.52), t, vat),
        "on-demand over λ",
        List.of(new XyPoint("λ=1", 0.25, 0.72), new XyPoint("λ=0.5", 0.5, 0.77), new XyPoint("λ=0", 1.3, 0.80)),
        Optional.of(t), Optional.of(vat), List.of(new XyPoint("oracle", 0.4, 0.86)),
        List.of(new XyPoint("full", 0.9, 0.78)));
  }

  static SweepData sweep() {
    Map<String, List<SweepData.Band>> s = new LinkedHashMap<>();
    s.put("fixed:T", List.of(new SweepData.Band(5e6, StudentT.interval(new double[] {0.7, 0.72, 0.69}, 0.95)),
        new SweepData.Band(20e6, StudentT.interval(new double[] {0.71, 0.73, 0.70}, 0.95))));
    s.put("on-demand", List.of(new SweepData.Band(5e6, StudentT.interval(new double[] {0.74, 0.77, 0.75}, 0.95)),
        new SweepData.Band(20e6, StudentT.interval(new double[] {0.78, 0.80, 0.79}, 0.95))));
    return new SweepData("Acc-2 vs bandwidth", "cell.bandwidthHz (Hz)", "Acc-2 (non-zero)", s);
  }

  static Map<String, double[]> latencies() {
    Map<String, double[]> m = new LinkedHashMap<>();
    m.put("fixed:T", new double[] {0.12, 0.11, 0.15, 0.13});
    m.put("on-demand", new double[] {0.2, 0.14, 0.31, 0.18, 0.22});
    return m;
  }

  static List<JFreeChart> all() {
    return List.of(Charts.tradeoff(tradeoff()), Charts.sweep(sweep()), Charts.latencyCdf("latency CDF", latencies()));
  }

  @Test
  void eachChartWritesADecodablePngOfTheAskedSizeAndAnSvg(@TempDir Path dir) throws Exception {
    String[] names = {"tradeoff", "sweep", "cdf"};
    List<JFreeChart> charts = all();
    for (int i = 0; i < charts.size(); i++) {
      Path png = ChartFiles.write(charts.get(i), dir, names[i], 640, 400);
      BufferedImage img = ImageIO.read(png.toFile());
      assertThat(img).as(names[i]).isNotNull();
      assertThat(img.getWidth()).isEqualTo(640);
      assertThat(img.getHeight()).isEqualTo(400);
      String svg = Files.readString(dir.resolve(names[i] + ".svg"));
      assertThat(svg).contains("<svg").contains("</svg>");
    }
  }

  @Test
  void sameDataSameBytes() throws Exception {
    List<JFreeChart> a = all();
    List<JFreeChart> b = all();
    for (int i = 0; i < a.size(); i++) {
      assertThat(ChartFiles.png(a.get(i), 320, 200)).isEqualTo(ChartFiles.png(b.get(i), 320, 200));
      assertThat(ChartFiles.svg(a.get(i), 320, 200)).isEqualTo(ChartFiles.svg(b.get(i), 320, 200));
    }
  }
}
