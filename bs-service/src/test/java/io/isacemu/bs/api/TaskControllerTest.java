package io.isacemu.bs.api;

import io.isacemu.core.validation.InvalidFieldException;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.isacemu.bs.task.TaskMode;
import io.isacemu.bs.task.Objective;
import io.isacemu.bs.task.TaskRequest;
import io.isacemu.bs.task.TaskService;
import java.util.List;
import java.util.Optional;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(TaskController.class)
@Import(SecurityConfiguration.class)
@TestPropertySource(properties = "isac.bs.api-key=secret")
class TaskControllerTest {

  @Autowired MockMvc mvc;
  @MockitoBean TaskService tasks;

  private org.springframework.test.web.servlet.ResultActions postTask(String body, String key) throws Exception {
    var req = post("/api/tasks").contentType(MediaType.APPLICATION_JSON).content(body);
    if (key != null) {
      req.header("X-Api-Key", key);
    }
    return mvc.perform(req);
  }

  @Test
  void acceptsATaskWith202AndItsLocation() throws Exception {
    TaskRequest r = new TaskRequest(List.of("a"), new TaskMode.Gated(io.isacemu.learning.GateMode.FULL), 1.0, Objective.LATENCY);
    when(tasks.resolve(any(), any(), anyString(), any(), any())).thenReturn(r);
    when(tasks.submit(r)).thenReturn("t-7");

    postTask("{\"count\":1,\"mode\":\"full\"}", "secret")
        .andExpect(status().isAccepted())
        .andExpect(header().string("Location", "/api/tasks/t-7"))
        .andExpect(jsonPath("$.id").value("t-7"));
  }

  @Test
  void mutatingWithoutOrWithAWrongKeyIs401() throws Exception {
    postTask("{\"count\":1,\"mode\":\"full\"}", null)
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.detail").value(Matchers.containsString("X-Api-Key")));
    postTask("{\"count\":1,\"mode\":\"full\"}", "nope").andExpect(status().isUnauthorized());
    // reads need no key
    when(tasks.get("t-1")).thenReturn(Optional.empty());
    mvc.perform(get("/api/tasks/t-1")).andExpect(status().isNotFound())
        .andExpect(jsonPath("$.detail").value("task 't-1' not found"));
  }

  @Test
  void validationProblemsNameTheFieldAndTheValue() throws Exception {
    postTask("{\"count\":-3,\"mode\":\"full\"}", "secret")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("count"))
        .andExpect(jsonPath("$.detail").value(Matchers.startsWith("count: -3")));
    postTask("{\"count\":1}", "secret")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("mode"));
    postTask("{\"count\":\"many\",\"mode\":\"full\"}", "secret")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("count"))
        .andExpect(jsonPath("$.detail").value(Matchers.containsString("'many'")));
    postTask("{\"count\":", "secret").andExpect(status().isBadRequest());
    when(tasks.resolve(any(), any(), anyString(), any(), any()))
        .thenThrow(InvalidFieldException.rejected("mode", "fast", "is not one of full, on-demand, fixed:<expert>"));
    postTask("{\"count\":1,\"mode\":\"fast\"}", "secret")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("mode"))
        .andExpect(jsonPath("$.detail").value(Matchers.containsString("'fast'")));
  }

  @Test
  void aLongPollWaitsAtTheServiceAndItsBoundIsA400() throws Exception {
    when(tasks.get("t-2", java.time.Duration.ofMillis(500))).thenReturn(Optional.empty());
    mvc.perform(get("/api/tasks/t-2").param("waitMs", "500")).andExpect(status().isNotFound());
    org.mockito.Mockito.verify(tasks).get("t-2", java.time.Duration.ofMillis(500));
    mvc.perform(get("/api/tasks/t-2").param("waitMs", "10001")).andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("waitMs"));
  }
}
