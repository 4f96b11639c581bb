// The bad-row policy and its accounting. A row that cannot be read is never
// dropped silently and never stops the run: it is counted by reason, written
// to the rejects file (source, line, byte offset, reason, first 200 bytes)
// and the first few are kept as samples for the summary. Invariant:
// rows_read == rows_accepted + sum(rejected).
//
// Not for: unknown field values (a posting with 面议 is accepted; its salary
// is unknown and counted by the field normalisers).
#ifndef JOBSIFT_SCHEMA_DIAGNOSTICS_H_
#define JOBSIFT_SCHEMA_DIAGNOSTICS_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "schema/column_map.h"

namespace jobsift {

enum class RejectReason : uint8_t {
  kUnterminatedQuote,  // a quoted field never closes (the first line is rejected)
  kFieldCount,         // more or fewer fields than the header
  kRecordTooLarge,     // a record over --max-record-bytes
  kFieldTooLarge,      // a field over --max-field-bytes
  kMalformedJson,      // a JSON Lines line that does not parse
  kNotJsonObject,      // a JSON Lines line that is not an object
  kDuplicateJsonKey,   // a JSON Lines object that gives a field twice
  kUndecodable,        // mostly invalid UTF-8: binary, or a wrong encoding
  kCount
};
inline constexpr size_t kRejectReasonCount = static_cast<size_t>(RejectReason::kCount);
std::string_view RejectReasonName(RejectReason r);
std::string_view RejectReasonHelp(RejectReason r);

inline constexpr uint64_t kNoOffset = ~uint64_t{0};

struct RejectRecord {
  std::string source;
  uint64_t line = 0;
  uint64_t byte_offset = kNoOffset;  // in the decoded stream; none for xlsx
  RejectReason reason{};
  std::string excerpt;  // at most 200 bytes
};

// Counts that add up across chunks and files; merged in input order.
struct ReadStats {
  uint64_t rows_read = 0;
  uint64_t rows_accepted = 0;
  std::array<uint64_t, kRejectReasonCount> rejected{};
  uint64_t rows_utf8_repaired = 0;  // accepted rows with U+FFFD put in
  std::array<uint64_t, kFieldCount> non_empty{};

  uint64_t RowsRejected() const;
  void Add(const ReadStats& o);
};

// Keeps the first bytes of a rejected record, cut at a UTF-8 boundary.
std::string Excerpt(std::string_view record, size_t max_bytes = 200);

}  // namespace jobsift

#endif  // JOBSIFT_SCHEMA_DIAGNOSTICS_H_
