package io.isacemu.training.job;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.isacemu.training.engine.JobSpec;
import io.isacemu.training.engine.ResultRow;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import io.isacemu.training.security.SecurityConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(JobController.class)
@Import(SecurityConfiguration.class)
@TestPropertySource(properties = "isac.training.api-key=" + JobControllerTest.KEY)
class JobControllerTest {

  static final String KEY = "job-controller-key";

  @Autowired MockMvc mvc;
  @MockitoBean JobService jobs;

  private static JobView view(long id, JobState state) {
    return new JobView(id, state, Optional.empty(), false, Instant.parse("2025-01-01T00:00:00Z"),
        Optional.empty(), Optional.empty(), "demo", List.of("T"), List.of("T"), List.of(0.1),
        Optional.empty(), Optional.empty(), 0, 0, 0, 2, Optional.empty(), Optional.empty(), Map.of(),
        Optional.empty(), Optional.empty(), List.of(), Optional.empty(), Optional.empty());
  }

  @Test
  void postWithDefaultsIsAcceptedWithLocation() throws Exception {
    when(jobs.submit(any(), any())).thenReturn(view(7, JobState.QUEUED));
    mvc.perform(post("/api/jobs").header("X-Api-Key", KEY).contentType(MediaType.APPLICATION_JSON).content("{}"))
        .andExpect(status().isAccepted())
        .andExpect(header().string("Location", "http://localhost/api/jobs/7"))
        .andExpect(jsonPath("$.state").value("QUEUED"))
        .andExpect(jsonPath("$.errorReason").doesNotExist());
    ArgumentCaptor<JobSpec> spec = ArgumentCaptor.forClass(JobSpec.class);
    verify(jobs).submit(spec.capture(), any());
    assertDefaults(spec.getValue());
  }

  private static void assertDefaults(JobSpec s) {
    org.assertj.core.api.Assertions.assertThat(s.experts()).extracting(Object::toString)
        .containsExactly("V", "A", "T", "V+A+T");
    org.assertj.core.api.Assertions.assertThat(s.gateExperts()).extracting(Object::toString)
        .containsExactly("T", "V+A+T");
    org.assertj.core.api.Assertions.assertThat(s.preset().wireName()).isEqualTo("demo");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"lambdas\":[0.1,-1]}                | lambdas[1]     | -1.0",
        "{\"tau0\":0}                          | tau0           | 0.0",
        "{\"tauMin\":-0.5}                     | tauMin         | -0.5",
        "{\"experts\":[]}                      | experts        | []",
        "{\"experts\":[\"T\",\"X\"]}           | experts[1]     | unknown value 'X'",
        "{\"epochsStageOne\":0}                | epochsStageOne | 0",
        "{\"epochsStageTwo\":-3}               | epochsStageTwo | -3",
        "{\"preset\":\"huge\"}                 | preset         | unknown value 'huge'",
        "{\"batchSize\":0}                     | batchSize      | 0",
        "{\"costMetric\":\"money\"}            | costMetric     | 'money'",
        "{\"gateExperts\":[\"V+A\"]}           | gateExperts[0] | V+A",
        "{\"epochsStageOne\":\"many\"}         | epochsStageOne | 'many'",
        "{\"dataset\":{\"type\":\"pickle\"}}   | dataset.path   | required",
        "{\"dataset\":{\"type\":\"pickle\",\"path\":\"x.pkl\",\"format\":\"csv\"}} | dataset.format | 'csv' must be auto, multibench or mmsa",
        "{\"dataset\":{\"type\":\"pickle\",\"path\":\"x.pkl\",\"featureDims\":\"big\"}} | dataset.featureDims | 'big' must be any or mosei",
        "{\"dataset\":{\"type\":\"pickle\",\"path\":\"x.pkl\",\"splits\":{\"dev\":\"valid\"}}} | dataset.splits.dev | is no split",
        "{\"lambdas\":[0.1],\"deployLambda\":0.5} | deployLambda | 0.5",
        "{\"maxAccuracyLoss\":-1}            | maxAccuracyLoss | -1.0",
        "{\"maxAccuracyLoss\":101}           | maxAccuracyLoss | 101.0",
        "{\"costBudget\":{\"metric\":\"money\",\"perSample\":1}} | costBudget.metric | 'money'",
        "{\"costBudget\":{\"perSample\":1}} | costBudget.metric | required",
        "{\"costBudget\":{\"metric\":\"energy\"}} | costBudget.perSample | required",
        "{\"costBudget\":{\"metric\":\"energy\",\"perSample\":-0.5}} | costBudget.perSample | -0.5",
        "{\"lambdas\":[0.1],\"deployLambda\":0.1,\"maxAccuracyLoss\":1} | maxAccuracyLoss | combined with deployLambda",
        "{\"maxAccuracyLoss\":1,\"costBudget\":{\"metric\":\"bits\",\"perSample\":1}} | costBudget | combined with maxAccuracyLoss",
        "{\"epochsStageOne\":1001}             | epochsStageOne | isac.training.limits.max-epochs",
        "{\"epochsStageTwo\":2147483647}       | epochsStageTwo | 2147483647 is more than 1000",
        "{\"batchSize\":100000}                | batchSize      | isac.training.limits.max-batch-size",
        "{\"lambdas\":[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]} | lambdas | 33 values",
        "{\"dataset\":{\"type\":\"pickle\",\"path\":\"/etc/passwd\"}} | dataset.path | outside the data directory"
      })
  void invalidRequestIsAProblemNamingFieldAndValue(String body, String field, String valueText)
      throws Exception {
    mvc.perform(post("/api/jobs").header("X-Api-Key", KEY).contentType(MediaType.APPLICATION_JSON).content(body))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(400))
        .andExpect(jsonPath("$.field").value(field))
        .andExpect(jsonPath("$.detail").value(startsWith(field + ": ")))
        .andExpect(jsonPath("$.detail").value(containsString(valueText)));
    verify(jobs, never()).submit(any(), any());
  }

  @Test
  void malformedJsonIsAProblem() throws Exception {
    mvc.perform(post("/api/jobs").header("X-Api-Key", KEY).contentType(MediaType.APPLICATION_JSON).content("{\"epochs\": "))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.detail").value(startsWith("malformed JSON")));
  }

  @Test
  void unknownJobIsA404Problem() throws Exception {
    when(jobs.get(99)).thenThrow(new JobNotFoundException(99));
    mvc.perform(get("/api/jobs/99"))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.detail").value(containsString("job 99")));
  }

  @Test
  void resultsOfUnfinishedJobAre409() throws Exception {
    when(jobs.results(3)).thenThrow(new JobConflictException("job 3 is RUNNING"));
    mvc.perform(get("/api/jobs/3/results")).andExpect(status().isConflict());
  }

  @Test
  void resultsAsJsonAndCsv() throws Exception {
    ResultRow t = new ResultRow("T", Optional.empty(), 0.78, 0.79, 0.78, 0.45, 0.6, 0.65, 0.01, 0.001,
        120, 1e9, Map.of("T", 1.0));
    ResultRow dyn = new ResultRow("dynamic fusion λ=0.1", Optional.of(0.1), 0.79, 0.8, 0.79, 0.46, 0.58,
        0.67, 0.5, 0.05, 2e6, 2e9, Map.of("T", 0.6, "V+A+T", 0.4));
    when(jobs.results(1)).thenReturn(new JobResults(1, "v1", "fp", List.of(t, dyn)));

    mvc.perform(get("/api/jobs/1/results"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.rows[0].name").value("T"))
        .andExpect(jsonPath("$.rows[1].lambda").value(0.1))
        .andExpect(jsonPath("$.rows[1].expertShares['V+A+T']").value(0.4));
    mvc.perform(get("/api/jobs/1/results").param("format", "csv"))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith("text/csv"))
        .andExpect(content().string(startsWith(ResultsCsv.HEADER + "\r\nT,,0.78,0.79,")))
        .andExpect(content().string(containsString("dynamic fusion λ=0.1,0.1,0.79,")))
        .andExpect(content().string(containsString("T=0.6;V+A+T=0.4\r\n")));
    mvc.perform(get("/api/jobs/1/results").param("format", "xml"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("format"));
  }
}
