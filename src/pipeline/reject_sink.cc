#include "pipeline/reject_sink.h"

#include <cstdio>

#include "base/text.h"

namespace jobsift {

StatusOr<std::unique_ptr<RejectSink>> RejectSink::Open(const std::string& path) {
  auto out = AtomicFile::Open(path);
  if (!out.ok()) return out.status();
  std::unique_ptr<RejectSink> sink(new RejectSink(std::move(*out)));
  static constexpr std::string_view kHeader = "source\tline\tbyte_offset\treason\texcerpt\n";
  sink->failed_ |= std::fwrite(kHeader.data(), 1, kHeader.size(), sink->out_->stream()) != kHeader.size();
  return sink;
}

void RejectSink::Add(const RejectRecord& r) {
  line_.clear();
  AppendTsvEscaped(r.source, line_);
  line_ += '\t';
  line_ += std::to_string(r.line);
  line_ += '\t';
  line_ += r.byte_offset == kNoOffset ? std::string("-") : std::to_string(r.byte_offset);
  line_ += '\t';
  line_ += RejectReasonName(r.reason);
  line_ += '\t';
  AppendTsvEscaped(r.excerpt, line_);
  line_ += '\n';
  failed_ |= std::fwrite(line_.data(), 1, line_.size(), out_->stream()) != line_.size();
}

Status RejectSink::Close() { return out_->Commit(failed_); }

}  // namespace jobsift
