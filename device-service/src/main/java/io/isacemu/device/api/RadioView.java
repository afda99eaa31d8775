package io.isacemu.device.api;

import io.isacemu.device.config.DeviceProperties;

/**
 * The radio settings the devices run with.
 *
 * @param unitBandwidthHz {@code B_min} of the reported per-unit SNR, Hz
 * @param noiseFigureDb BS receiver noise figure, dB
 * @param bsAntennas {@code M}
 * @param shadowing log-normal shadowing on
 * @param fading small-scale fading on
 */
record RadioView(double unitBandwidthHz, double noiseFigureDb, int bsAntennas, boolean shadowing, boolean fading) {
  static RadioView of(DeviceProperties.Radio r) {
    return new RadioView(r.unitBandwidthHz(), r.noiseFigureDb(), r.bsAntennas(), r.shadowing(), r.fading());
  }
}
