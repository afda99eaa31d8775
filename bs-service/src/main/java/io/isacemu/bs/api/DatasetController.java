package io.isacemu.bs.api;

import io.isacemu.bs.BsProperties;
import io.isacemu.bs.dataset.DatasetCatalog;
import io.isacemu.core.modality.Modality;
import io.swagger.v3.oas.annotations.Operation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The dataset the BS schedules over: its name, fingerprint and shape, and the test split's ids (the
 * ids a task may name). Clients address samples by these ids instead of guessing a naming scheme,
 * so the same client runs on the synthetic default and on a pickle.
 */
@RestController
@RequestMapping("/api/dataset")
class DatasetController {

  /**
   * @param name the synthetic generator's name, or the pickle's file name and layout
   * @param source {@code synthetic} or {@code pickle} ({@code isac.bs.dataset.source})
   * @param fingerprint lowercase hex SHA-256 every device must present at Register
   * @param testSize test samples (tasks address these)
   * @param sequenceLengths time steps T_m per sample per modality (video, audio, text; unaligned data differ)
   * @param featureDims features per step d_m per modality (video, audio, text)
   */
  record DatasetView(String name, String source, String fingerprint, int testSize, Map<String, Integer> sequenceLengths,
      Map<String, Integer> featureDims) {}

  private final DatasetCatalog catalog;
  private final BsProperties properties;

  DatasetController(DatasetCatalog catalog, BsProperties properties) {
    this.catalog = catalog;
    this.properties = properties;
  }

  @Operation(summary = "The served dataset: name, source, fingerprint, test size, T_m and d_m per modality")
  @GetMapping
  DatasetView dataset() {
    Map<String, Integer> dims = new LinkedHashMap<>();
    for (Map.Entry<Modality, Integer> e : catalog.featureDims().entrySet()) {
      dims.put(e.getKey().name().toLowerCase(Locale.ROOT), e.getValue());
    }
    Map<String, Integer> steps = new LinkedHashMap<>();
    for (Map.Entry<Modality, Integer> e : catalog.sequenceLengths().entrySet()) {
      steps.put(e.getKey().name().toLowerCase(Locale.ROOT), e.getValue());
    }
    return new DatasetView(catalog.name(), properties.dataset().source(), catalog.fingerprint(),
        catalog.testIds().size(), steps, dims);
  }

  @Operation(summary = "Test-split sample ids in split order, one page: offset (default 0), limit (default 100, "
      + "at most isac.bs.limits.max-page-size); X-Total-Count gives the test size")
  @GetMapping("/test-ids")
  ResponseEntity<List<String>> testIds(@RequestParam(defaultValue = "0") int offset,
      @RequestParam(defaultValue = "100") int limit) {
    List<String> ids = catalog.testIds();
    return PageRequest.respond(offset, limit, properties.limits().maxPageSize(), ids.size(),
        (o, l) -> ids.subList(Math.min(o, ids.size()), Math.min(ids.size(), o + l)));
  }
}
