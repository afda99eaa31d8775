package io.isacemu.bs.api;

import io.isacemu.core.validation.InvalidFieldException;
import java.util.List;
import java.util.function.BiFunction;
import org.springframework.http.ResponseEntity;

/**
 * One page of a listing: {@code offset} (0 = the oldest record) and {@code limit}, validated
 * against {@code isac.bs.limits.max-page-size}; the total goes in {@code X-Total-Count}.
 */
record PageRequest(int offset, int limit) {

  static final String TOTAL_HEADER = "X-Total-Count";

  /** @throws IllegalArgumentException naming {@code offset} or {@code limit} and the value */
  static PageRequest of(int offset, int limit, int maxPageSize) {
    if (offset < 0) {
      throw InvalidFieldException.rejected("offset", offset, "must be >= 0");
    }
    if (limit < 1 || limit > maxPageSize) {
      throw InvalidFieldException.rejected("limit", limit, "must be in [1, " + maxPageSize
          + "] (isac.bs.limits.max-page-size)");
    }
    return new PageRequest(offset, limit);
  }

  /**
   * The response of a paged listing: 200, {@code X-Total-Count: total}, and the page {@code read}
   * returns for (offset, limit).
   *
   * @throws IllegalArgumentException as {@link #of}
   */
  static <T> ResponseEntity<List<T>> respond(int offset, int limit, int maxPageSize, int total,
      BiFunction<Integer, Integer, List<T>> read) {
    PageRequest page = of(offset, limit, maxPageSize);
    return ResponseEntity.ok().header(TOTAL_HEADER, Integer.toString(total)).body(read.apply(page.offset(), page.limit()));
  }
}
