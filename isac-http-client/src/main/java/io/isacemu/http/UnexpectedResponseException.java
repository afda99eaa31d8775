package io.isacemu.http;

/** A response that is not the one the caller needs (wrong status, or no JSON body). */
public final class UnexpectedResponseException extends RuntimeException {

  private final transient JsonResponse response;

  UnexpectedResponseException(JsonResponse response, String why) {
    super(response.describe() + " (" + why + "): " + response.excerpt());
    this.response = response;
  }

  /** The response as received. */
  public JsonResponse response() {
    return response;
  }
}
