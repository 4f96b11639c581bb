#include "schema/diagnostics.h"

namespace jobsift {

std::string_view RejectReasonName(RejectReason r) {
  switch (r) {
    case RejectReason::kUnterminatedQuote: return "unterminated_quote";
    case RejectReason::kFieldCount: return "field_count";
    case RejectReason::kRecordTooLarge: return "record_too_large";
    case RejectReason::kFieldTooLarge: return "field_too_large";
    case RejectReason::kMalformedJson: return "malformed_json";
    case RejectReason::kNotJsonObject: return "not_json_object";
    case RejectReason::kDuplicateJsonKey: return "duplicate_json_key";
    case RejectReason::kUndecodable: return "undecodable";
    case RejectReason::kCount: break;
  }
  return "unknown";
}

std::string_view RejectReasonHelp(RejectReason r) {
  switch (r) {
    case RejectReason::kUnterminatedQuote: return "a quoted field never closes; its first line was rejected and reading resumed on the next line";
    case RejectReason::kFieldCount: return "the row has more or fewer fields than the header";
    case RejectReason::kRecordTooLarge: return "the record is larger than --max-record-bytes";
    case RejectReason::kFieldTooLarge: return "a field is larger than --max-field-bytes";
    case RejectReason::kMalformedJson: return "the line is not valid JSON";
    case RejectReason::kNotJsonObject: return "the line is valid JSON but not an object";
    case RejectReason::kDuplicateJsonKey: return "the object gives the same key twice: which value is meant is unknown";
    case RejectReason::kUndecodable: return "mostly invalid UTF-8 (binary data or a wrong --encoding)";
    case RejectReason::kCount: break;
  }
  return "";
}

uint64_t ReadStats::RowsRejected() const {
  uint64_t n = 0;
  for (uint64_t r : rejected) n += r;
  return n;
}

void ReadStats::Add(const ReadStats& o) {
  rows_read += o.rows_read;
  rows_accepted += o.rows_accepted;
  for (size_t i = 0; i < kRejectReasonCount; ++i) rejected[i] += o.rejected[i];
  rows_utf8_repaired += o.rows_utf8_repaired;
  for (size_t i = 0; i < kFieldCount; ++i) non_empty[i] += o.non_empty[i];
}

std::string Excerpt(std::string_view record, size_t max_bytes) {
  if (record.size() <= max_bytes) return std::string(record);
  size_t cut = max_bytes;
  // Step back over continuation bytes so a character is not split.
  while (cut > 0 && (static_cast<unsigned char>(record[cut]) & 0xC0) == 0x80) --cut;
  return std::string(record.substr(0, cut));
}

}  // namespace jobsift
