package io.isacemu.bs.api;

import io.isacemu.bs.model.ModelHolder;
import io.isacemu.bs.model.ModelLease;
import io.isacemu.bs.model.ServingModel;
import io.isacemu.core.modality.ModalitySet;
import io.isacemu.learning.deploy.DeploymentSummary;
import io.swagger.v3.oas.annotations.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The model in service (read-only). */
@RestController
@RequestMapping("/api")
class ModelController {

  /**
   * The bundle the BS serves.
   *
   * @param version bundle version
   * @param experts expert names in gate-output order
   * @param expertFlops analytic FLOPs per sample of each expert, same order
   * @param gateInputs modalities the gate reads
   * @param gateFlops analytic FLOPs per sample of the gate
   * @param networkStateDim length of the gate's network-state vector
   * @param fullGate the FULL-input gate used in {@code full} mode, when the bundle has one beside the
   *     main (on-demand) gate; absent (JSON null) otherwise
   * @param deployRule the rule the training job chose the gate by (e.g. {@code costBudget energy
   *     0.05}, {@code maxAccuracyLoss 1.0}); bundles from before deploy rules: {@code byLambda <λ>}
   * @param deployment the chosen λ, whether the rule was met and the validation frontier (λ, Acc-2,
   *     cost per sample), when the bundle recorded them
   */
  record ModelView(String version, List<String> experts, List<Long> expertFlops, String gateInputs, long gateFlops,
      int networkStateDim, Optional<GateView> fullGate, Optional<String> deployRule,
      Optional<DeploymentSummary> deployment) {}

  /**
   * A gate.
   *
   * @param gateInputs modalities it reads
   * @param gateFlops analytic FLOPs per sample
   * @param networkStateDim length of its network-state vector
   */
  record GateView(String gateInputs, long gateFlops, int networkStateDim) {}

  private final ModelHolder holder;

  ModelController(ModelHolder holder) {
    this.holder = holder;
  }

  @Operation(summary = "The model bundle in service; 503 while none is loaded")
  @GetMapping("/model")
  ResponseEntity<?> model() {
    Optional<ModelLease> lease = holder.acquire();
    if (lease.isEmpty()) {
      ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, "no model bundle in service yet");
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(p);
    }
    try (ModelLease l = lease.get()) {
      ServingModel m = l.model();
      List<Long> flops = new ArrayList<>();
      for (int i = 0; i < m.experts().size(); i++) {
        flops.add(m.expertFlops(i));
      }
      return ResponseEntity.ok(new ModelView(m.version(), m.experts().stream().map(ModalitySet::name).toList(), flops,
          m.gateInputs().name(), m.gateFlops(), m.networkStateDim(),
          m.fullGate().map(g -> new GateView(g.gateInputs().name(), g.gateFlops(), g.networkStateDim())),
          m.deployRule(), m.deployment()));
    }
  }
}
