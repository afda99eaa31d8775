package io.isacemu.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An HTTP/1.1 client over a plain socket that sends the request line exactly as given: no client
 * library normalises, encodes or rejects the path first, so a test sees what the server does with it.
 * Shared with the services' tests (test-jar).
 */
public final class RawHttp {

  private final int port;

  public RawHttp(int port) {
    this.port = port;
  }

  /** Status code, response headers and body text. */
  public record Response(int status, String head, String body) {}

  public Response send(String method, String target, Map<String, String> headers, String body) throws IOException {
    byte[] payload = body.getBytes(StandardCharsets.UTF_8);
    StringBuilder request = new StringBuilder()
        .append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
        .append("Host: localhost:").append(port).append("\r\n")
        .append("Connection: close\r\n");
    if (!body.isEmpty() || !method.equals("GET")) {
      request.append("Content-Type: application/json\r\n").append("Content-Length: ").append(payload.length).append("\r\n");
    }
    headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
    request.append("\r\n");
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(payload);
      out.flush();
      String text = readAll(socket.getInputStream());
      int endOfHead = text.indexOf("\r\n\r\n");
      String head = endOfHead < 0 ? text : text.substring(0, endOfHead);
      String[] statusLine = head.split("\r\n", 2)[0].split(" ");
      if (statusLine.length < 2) {
        throw new IOException(method + " " + target + ": no HTTP status line in '" + head + "'");
      }
      String rest = endOfHead < 0 ? "" : text.substring(endOfHead + 4);
      boolean chunked = head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked");
      return new Response(Integer.parseInt(statusLine[1]), head, chunked ? dechunk(rest) : rest);
    }
  }

  /** The body of a chunked response (RFC 9112 §7.1): size line, data, CRLF, until size 0. */
  private static String dechunk(String body) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (at < body.length()) {
      int eol = body.indexOf("\r\n", at);
      if (eol < 0) {
        break;
      }
      String sizeLine = body.substring(at, eol).split(";")[0].trim();
      if (sizeLine.isEmpty()) { // the CRLF that ends a chunk's data
        at = eol + 2;
        continue;
      }
      int size = Integer.parseInt(sizeLine, 16);
      if (size == 0) {
        break;
      }
      // sizes count bytes; the services answer ASCII JSON, where bytes and chars agree
      out.append(body, eol + 2, Math.min(body.length(), eol + 2 + size));
      at = eol + 2 + size;
    }
    return out.toString();
  }

  private static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    in.transferTo(buf);
    return buf.toString(StandardCharsets.UTF_8);
  }
}
