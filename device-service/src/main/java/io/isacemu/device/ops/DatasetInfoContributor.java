package io.isacemu.device.ops;

import io.isacemu.data.MultimodalDataset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.stereotype.Component;

/**
 * {@code GET /actuator/info} → {@code dataset}: the name, fingerprint and split sizes this device
 * process serves, so an operator can compare them with the BS's {@code GET /api/dataset} when the
 * BS refuses the device at Register for a fingerprint mismatch.
 */
@Component
class DatasetInfoContributor implements InfoContributor {

  private final MultimodalDataset dataset;

  DatasetInfoContributor(MultimodalDataset dataset) {
    this.dataset = dataset;
  }

  @Override
  public void contribute(Info.Builder builder) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("name", dataset.name());
    d.put("fingerprint", dataset.fingerprint());
    d.put("trainSize", dataset.train().size());
    d.put("validSize", dataset.valid().size());
    d.put("testSize", dataset.test().size());
    builder.withDetail("dataset", d);
  }
}
