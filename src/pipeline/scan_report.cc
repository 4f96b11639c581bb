#include "pipeline/scan_report.h"

#include <cstdio>

#include "base/text.h"

namespace jobsift {
namespace {

std::string Percent(uint64_t part, uint64_t whole) {
  if (whole == 0) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f%%", 100.0 * static_cast<double>(part) / static_cast<double>(whole));
  return buf;
}

std::string DelimiterName(char d) {
  switch (d) {
    case ',': return "comma";
    case '\t': return "tab";
    case ';': return "semicolon";
    case '|': return "pipe";
    case 0: return "";
  }
  return std::string(1, d);
}

std::string ColumnText(const FileReport& f, const ColumnRef& ref) {
  std::string s;
  if (!f.headers.empty() && static_cast<size_t>(ref.column) < f.headers.size()) {
    s = "'" + std::string(TrimCell(f.headers[ref.column])) + "'";
  } else {
    s = "#" + std::to_string(ref.column + 1);
  }
  if (ref.part == CellPart::kSizePart) s += " (size part)";
  if (ref.part == CellPart::kIndustryPart) s += " (industry part)";
  return s;
}

void AppendStatsJson(const ReadStats& st, std::string& o) {
  o += "\"rows_read\":" + std::to_string(st.rows_read);
  o += ",\"rows_accepted\":" + std::to_string(st.rows_accepted);
  o += ",\"rows_rejected\":" + std::to_string(st.RowsRejected());
  o += ",\"rejected_by_reason\":{";
  for (size_t i = 0; i < kRejectReasonCount; ++i) {
    if (i) o += ",";
    AppendJsonString(RejectReasonName(static_cast<RejectReason>(i)), o);
    o += ":" + std::to_string(st.rejected[i]);
  }
  o += "},\"rows_utf8_repaired\":" + std::to_string(st.rows_utf8_repaired);
  o += ",\"non_empty\":{";
  for (size_t f = 0; f < kFieldCount; ++f) {
    if (f) o += ",";
    AppendJsonString(FieldName(static_cast<Field>(f)), o);
    o += ":" + std::to_string(st.non_empty[f]);
  }
  o += "}";
}

}  // namespace

int ExitCodeFor(const ReadSummary& s) {
  if (!s.errors.empty()) return kExitFailure;
  if (s.total.RowsRejected() > 0 || !s.notes.empty.empty()) return kExitRejects;
  return kExitOk;
}

std::string ScanText(const ReadSummary& s) {
  std::string o;
  char buf[256];
  const ReadStats& t = s.total;
  std::snprintf(buf, sizeof buf, "rows read %llu = accepted %llu + rejected %llu\n",
                static_cast<unsigned long long>(t.rows_read), static_cast<unsigned long long>(t.rows_accepted),
                static_cast<unsigned long long>(t.RowsRejected()));
  o += buf;
  for (size_t i = 0; i < kRejectReasonCount; ++i) {
    if (t.rejected[i] == 0) continue;
    RejectReason r = static_cast<RejectReason>(i);
    std::snprintf(buf, sizeof buf, "  rejected %-20s %llu  (", std::string(RejectReasonName(r)).c_str(),
                  static_cast<unsigned long long>(t.rejected[i]));
    o += buf;
    o += RejectReasonHelp(r);
    o += ")\n";
  }
  if (t.rows_utf8_repaired > 0)
    o += "  rows with invalid UTF-8 repaired (U+FFFD): " + std::to_string(t.rows_utf8_repaired) + "\n";
  std::snprintf(buf, sizeof buf, "%.1f MB in %.2f s with %d threads\n", static_cast<double>(s.raw_bytes) / 1e6,
                s.seconds, s.threads);
  o += buf;
  o += "\nfield            non-empty\n";
  for (size_t f = 0; f < kFieldCount; ++f) {
    std::snprintf(buf, sizeof buf, "  %-14s %9s  (%llu)\n", std::string(FieldName(static_cast<Field>(f))).c_str(),
                  Percent(t.non_empty[f], t.rows_accepted).c_str(), static_cast<unsigned long long>(t.non_empty[f]));
    o += buf;
  }
  for (const FileReport& f : s.files) {
    o += "\n" + f.name + "\n";
    o += "  format " + std::string(InputFormatName(f.format));
    if (f.format == InputFormat::kCsv && f.delimiter) o += " (" + DelimiterName(f.delimiter) + ")";
    o += ", encoding " + f.encoding;
    if (f.compression != Compression::kNone) o += ", " + std::string(CompressionName(f.compression));
    o += ", columns by " + (f.map.detected_by.empty() ? std::string("-") : f.map.detected_by);
    if (!f.map.has_header) o += " (no header row)";
    o += "\n";
    std::snprintf(buf, sizeof buf, "  rows read %llu, accepted %llu, rejected %llu\n",
                  static_cast<unsigned long long>(f.stats.rows_read),
                  static_cast<unsigned long long>(f.stats.rows_accepted),
                  static_cast<unsigned long long>(f.stats.RowsRejected()));
    o += buf;
    if (f.invalid_encoding_bytes > 0)
      o += "  bytes not valid " + f.encoding + ": " + std::to_string(f.invalid_encoding_bytes) + "\n";
    for (size_t i = 0; i < kFieldCount; ++i) {
      const ColumnRef& ref = f.map.field[i];
      if (!ref.mapped()) continue;
      o += "  " + std::string(FieldName(static_cast<Field>(i))) + " <- " + ColumnText(f, ref);
      if (!f.map.evidence[i].empty()) o += " by content: " + f.map.evidence[i];
      o += "\n";
    }
  }
  if (!s.samples.empty()) {
    o += "\nfirst rejects:\n";
    for (const auto& r : s.samples) {
      std::string ex;
      AppendTsvEscaped(r.excerpt.substr(0, 80), ex);
      o += "  " + r.source + ":" + std::to_string(r.line) + " " + std::string(RejectReasonName(r.reason)) + ": " +
           ex + "\n";
    }
  }
  return o;
}

std::string ScanJson(const ReadSummary& s) {
  std::string o = "{";
  AppendStatsJson(s.total, o);
  o += ",\"raw_bytes\":" + std::to_string(s.raw_bytes);
  o += ",\"decoded_bytes\":" + std::to_string(s.decoded_bytes);
  o += ",\"files\":[";
  for (size_t i = 0; i < s.files.size(); ++i) {
    const FileReport& f = s.files[i];
    if (i) o += ",";
    o += "{\"name\":";
    AppendJsonString(f.name, o);
    o += ",\"format\":";
    AppendJsonString(InputFormatName(f.format), o);
    o += ",\"delimiter\":";
    AppendJsonString(f.delimiter ? std::string(1, f.delimiter) : std::string(), o);
    o += ",\"encoding\":";
    AppendJsonString(f.encoding, o);
    o += ",\"compression\":";
    AppendJsonString(CompressionName(f.compression), o);
    o += ",\"has_header\":";
    o += f.map.has_header ? "true" : "false";
    o += ",\"columns_by\":";
    AppendJsonString(f.map.detected_by, o);
    o += ",\"invalid_encoding_bytes\":" + std::to_string(f.invalid_encoding_bytes);
    o += ",\"mapping\":{";
    bool first = true;
    for (size_t k = 0; k < kFieldCount; ++k) {
      const ColumnRef& ref = f.map.field[k];
      if (!ref.mapped()) continue;
      if (!first) o += ",";
      first = false;
      AppendJsonString(FieldName(static_cast<Field>(k)), o);
      o += ":{\"column\":" + std::to_string(ref.column + 1) + ",\"header\":";
      AppendJsonString(static_cast<size_t>(ref.column) < f.headers.size() ? std::string(TrimCell(f.headers[ref.column]))
                                                                          : std::string(),
                       o);
      o += ",\"part\":";
      AppendJsonString(ref.part == CellPart::kWhole ? "whole" : ref.part == CellPart::kSizePart ? "size" : "industry", o);
      o += ",\"by_content\":";
      AppendJsonStringOrNull(f.map.evidence[k], o);
      o += "}";
    }
    o += "},";
    AppendStatsJson(f.stats, o);
    o += "}";
  }
  auto list = [&](const char* key, const std::vector<std::string>& v) {
    o += ",\"";
    o += key;
    o += "\":[";
    for (size_t i = 0; i < v.size(); ++i) {
      if (i) o += ",";
      AppendJsonString(v[i], o);
    }
    o += "]";
  };
  o += "]";
  list("warnings", s.notes.Lines());
  list("skipped", s.skipped);
  std::vector<std::string> errors;
  for (const Status& e : s.errors) errors.push_back(e.message());
  list("errors", errors);
  o += ",\"inputs\":";
  AppendInputNotesJson(s.notes, o);
  o += ",\"reject_samples\":[";
  for (size_t i = 0; i < s.samples.size(); ++i) {
    const RejectRecord& r = s.samples[i];
    if (i) o += ",";
    o += "{\"source\":";
    AppendJsonString(r.source, o);
    o += ",\"line\":" + std::to_string(r.line) + ",\"byte_offset\":";
    o += r.byte_offset == kNoOffset ? "null" : std::to_string(r.byte_offset);
    o += ",\"reason\":";
    AppendJsonString(RejectReasonName(r.reason), o);
    o += ",\"excerpt\":";
    AppendJsonString(r.excerpt, o);
    o += "}";
  }
  o += "]}\n";
  return o;
}

}  // namespace jobsift
