package io.isacemu.training.bundle;

import io.isacemu.core.validation.InvalidFieldException;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** REST view of the published bundles. */
@RestController
@RequestMapping("/api/bundles")
class BundleController {

  private final BundleStore store;

  BundleController(BundleStore store) {
    this.store = store;
  }

  @Operation(summary = "List published bundles, oldest first")
  @GetMapping
  List<BundleView> list() {
    return store.list().stream().map(BundleView::of).toList();
  }

  @Operation(summary = "Describe the newest bundle (404 when none is published)")
  @GetMapping("/latest")
  BundleView latest() {
    return store
        .latest()
        .map(BundleView::of)
        .orElseThrow(() -> new BundleNotFoundException("no bundle has been published yet"));
  }

  @Operation(summary = "Download one bundle archive (application/zip)")
  @GetMapping(value = "/{version}", produces = "application/zip")
  ResponseEntity<Resource> download(@PathVariable String version) {
    if (!BundleVersions.isValid(version)) {
      throw InvalidFieldException.rejected(
          "version", version, "must be 1..128 characters of [A-Za-z0-9._-]");
    }
    PublishedBundle b =
        store
            .find(version)
            .orElseThrow(() -> new BundleNotFoundException("bundle '" + version + "' does not exist"));
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("application/zip"))
        .contentLength(b.sizeBytes())
        .eTag("\"" + b.sha256Hex() + "\"")
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(version + ".zip").build().toString())
        .header("X-Bundle-Sha256", b.sha256Hex())
        .body(new FileSystemResource(b.archive()));
  }
}
