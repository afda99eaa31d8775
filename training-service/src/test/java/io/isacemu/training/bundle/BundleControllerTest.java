package io.isacemu.training.bundle;

import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import io.isacemu.training.security.SecurityConfiguration;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(BundleController.class)
@Import(SecurityConfiguration.class)
@TestPropertySource(properties = "isac.training.api-key=" + BundleControllerTest.KEY)
class BundleControllerTest {

  static final String KEY = "job-controller-key";

  @Autowired MockMvc mvc;
  @MockitoBean BundleStore store;
  @TempDir Path dir;

  @Test
  void listsDescribesAndDownloads() throws Exception {
    Path zip = Files.write(dir.resolve("v1.zip"), new byte[] {1, 2, 3});
    PublishedBundle b = new PublishedBundle("v1", Instant.parse("2025-01-01T00:00:00Z"), 3, "ab".repeat(32),
        "demo", List.of("T", "V+A+T"), "{}", zip);
    when(store.list()).thenReturn(List.of(b));
    when(store.latest()).thenReturn(Optional.of(b));
    when(store.find("v1")).thenReturn(Optional.of(b));

    mvc.perform(get("/api/bundles"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[0].version").value("v1"))
        .andExpect(jsonPath("$[0].created").value("2025-01-01T00:00:00Z"))
        .andExpect(jsonPath("$[0].experts[1]").value("V+A+T"));
    mvc.perform(get("/api/bundles/latest")).andExpect(jsonPath("$.sha256").value("ab".repeat(32)));
    mvc.perform(get("/api/bundles/v1"))
        .andExpect(status().isOk())
        .andExpect(content().contentType("application/zip"))
        .andExpect(header().string("X-Bundle-Sha256", "ab".repeat(32)))
        .andExpect(content().bytes(new byte[] {1, 2, 3}));
  }

  @Test
  void unknownOrNoBundleIs404AndBadVersionIs400() throws Exception {
    when(store.find("v9")).thenReturn(Optional.empty());
    when(store.latest()).thenReturn(Optional.empty());
    mvc.perform(get("/api/bundles/v9")).andExpect(status().isNotFound());
    mvc.perform(get("/api/bundles/latest")).andExpect(status().isNotFound());
    mvc.perform(get("/api/bundles/{version}", "a b")).andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("version"));
  }
}
