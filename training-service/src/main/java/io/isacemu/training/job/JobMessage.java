package io.isacemu.training.job;

import java.time.Instant;

/** A timestamped progress note of a job. */
public record JobMessage(Instant at, String text) {}
